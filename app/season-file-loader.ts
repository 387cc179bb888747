// Reads a season file (and the CSV files it names) and reports every problem at once, each with
// its file, line and field. Nothing is written anywhere: creating the season is a separate step.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { durationMs } from '../domain/duration';
import { approversFor, leadership } from '../domain/duties';
import { branchSchema, personSchema, seasonFileSchema, type SeasonFile } from '../domain/season-file';
import { parseDueDate } from '../domain/time';

export interface SeasonFileProblem {
  file: string;
  line: number;
  field: string;
  message: string;
}

export class SeasonFileError extends Error {
  constructor(readonly problems: SeasonFileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'SeasonFileError';
  }
}

export const formatProblem = (p: SeasonFileProblem) => `${p.file}:${p.line}: ${p.field || '(file)'}: ${p.message}`;

export interface LoadOptions {
  /** Defaults to now; a due date before it is a problem unless `allowPastDueDate`. */
  now?: Date;
  allowPastDueDate?: boolean;
}

/** Where each person and branch came from, for messages about cross-references. */
interface Origin {
  file: string;
  line: number;
  field: string;
}

/** The origin of entry `i`; the loader records one for every entry it reads. */
function originOf(origins: Origin[], i: number): Origin {
  const origin = origins[i];
  if (!origin) throw new Error(`no origin recorded for entry ${i}`);
  return origin;
}

/** What validating a season file found: the file if it can be used, what stops it, and what only deserves a look. */
export interface SeasonFileValidation {
  file?: SeasonFile;
  problems: SeasonFileProblem[];
  /** Worth knowing, never blocking (say, a leader who is also a branch's secretary). */
  warnings: SeasonFileProblem[];
}

/** The file, or a SeasonFileError with every problem; warnings do not stop it. */
export function loadSeasonFile(path: string, options: LoadOptions = {}): SeasonFile {
  const { file, problems } = validateSeasonFile(path, options);
  if (!file || problems.length) throw new SeasonFileError(problems);
  return file;
}

export function validateSeasonFile(path: string, options: LoadOptions = {}): SeasonFileValidation {
  if (!existsSync(path)) return { problems: [{ file: path, line: 1, field: '', message: 'file not found' }], warnings: [] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((error) => ({
        file: path,
        line: error.linePos?.[0]?.line ?? 1,
        field: '',
        message: error.message.split('\n')[0] ?? error.message,
      })),
      warnings: [],
    };
  }
  const at = (fieldPath: (string | number)[]): Origin => ({ file: path, line: lineOf(doc, fieldPath, lineCounter), field: fieldName(fieldPath) });
  const result = seasonFileSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) return { problems: zodProblems(result.error, at, (fieldPath) => doc.hasIn(fieldPath)), warnings: [] };

  const file = result.data;
  const problems: SeasonFileProblem[] = [];
  const personOrigins = file.people.map((_, i) => at(['people', i, 'email']));
  const branchOrigins = file.organization.branches.map((_, i) => at(['organization', 'branches', i, 'id']));
  if (file.peopleCsv) {
    const csvPath = resolve(dirname(path), file.peopleCsv);
    const rows = readCsvRows(csvPath, personSchema, problems, at(['peopleCsv']));
    file.people.push(...rows.map((r) => r.value));
    personOrigins.push(...rows.map((r) => ({ file: csvPath, line: r.line, field: 'email' })));
  }
  if (file.organization.branchesCsv) {
    const csvPath = resolve(dirname(path), file.organization.branchesCsv);
    const rows = readCsvRows(csvPath, branchSchema, problems, at(['organization', 'branchesCsv']));
    file.organization.branches.push(...rows.map((r) => r.value));
    branchOrigins.push(...rows.map((r) => ({ file: csvPath, line: r.line, field: 'id' })));
  }
  problems.push(...crossChecks(file, at, personOrigins, branchOrigins, options));
  const duties = separationOfDuties(file, at, branchOrigins);
  problems.push(...duties.problems);
  return { file: problems.length ? undefined : file, problems, warnings: duties.warnings };
}

/** Where a branch's field is: its line in the season file, or its row in the branches CSV. */
const branchFieldAt = (at: (path: (string | number)[]) => Origin, branchOrigins: Origin[], i: number, field: string): Origin => {
  const origin = originOf(branchOrigins, i);
  return origin.file.endsWith('.csv') ? { ...origin, field } : at(['organization', 'branches', i, field]);
};

/**
 * Nobody approves their own report (domain/duties.ts). A leader or the Party group secretary who
 * is also a branch's secretary is fine as long as someone else in leadership approves that branch:
 * a warning naming who will. When there is nobody else, the branch's report could never be
 * approved: an error.
 */
function separationOfDuties(
  file: SeasonFile,
  at: (path: (string | number)[]) => Origin,
  branchOrigins: Origin[],
): { problems: SeasonFileProblem[]; warnings: SeasonFileProblem[] } {
  const problems: SeasonFileProblem[] = [];
  const warnings: SeasonFileProblem[] = [];
  const everyone = leadership(file.leaders, file.partyGroupSecretary);
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  file.organization.branches.forEach((branch, i) => {
    const approvers = approversFor(branch.secretary, file.leaders, file.partyGroupSecretary);
    if (approvers.length === everyone.length) return; // the secretary is not in leadership
    const origin = branchFieldAt(at, branchOrigins, i, 'secretary');
    const who = file.leaders.some((leader) => same(leader, branch.secretary)) ? 'a leader' : 'the Party group secretary';
    if (!approvers.length) {
      problems.push({
        ...origin,
        message: `nobody can approve the report of ${branch.id}: its secretary ${branch.secretary} is the only leader (name another leader or a different Party group secretary)`,
      });
    } else {
      warnings.push({
        ...origin,
        message: `${branch.secretary} is ${who} and the secretary of ${branch.id}: its report will be approved by ${approvers.join(', ')}`,
      });
    }
  });
  return { problems, warnings };
}

function zodProblems(error: z.ZodError, at: (path: (string | number)[]) => Origin, present: (path: (string | number)[]) => boolean): SeasonFileProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      return { ...at([...path, key]), field: fieldName([...path, key]), message: `unknown field "${issue.keys.join('", "')}"` };
    }
    const missing = issue.code === 'invalid_type' && !present(path);
    return { ...at(path), message: missing ? 'required' : issue.message };
  });
}

/** Checks that need the whole file: duplicates, references to people, dates, schedule. */
function crossChecks(
  file: SeasonFile,
  at: (path: (string | number)[]) => Origin,
  personOrigins: Origin[],
  branchOrigins: Origin[],
  options: LoadOptions,
): SeasonFileProblem[] {
  const problems: SeasonFileProblem[] = [];
  const add = (origin: Origin, message: string) => problems.push({ ...origin, message });

  const people = new Map<string, number>();
  file.people.forEach((person, i) => {
    const email = person.email.toLowerCase();
    const first = people.get(email);
    if (first !== undefined) add(originOf(personOrigins, i), `duplicate person ${email} (first at line ${originOf(personOrigins, first).line})`);
    else people.set(email, i);
  });
  const known = (email: string, origin: Origin, role: string) => {
    if (!people.has(email.toLowerCase())) add(origin, `unknown ${role} ${email}: not listed under people`);
  };
  file.admins.forEach((email, i) => known(email, at(['admins', i]), 'admin'));
  file.leaders.forEach((email, i) => known(email, at(['leaders', i]), 'leader'));
  known(file.partyGroupSecretary, at(['partyGroupSecretary']), 'Party group secretary');

  const branches = new Map<string, number>();
  file.organization.branches.forEach((branch, i) => {
    const origin = originOf(branchOrigins, i);
    const refAt = (field: string): Origin => branchFieldAt(at, branchOrigins, i, field);
    const first = branches.get(branch.id);
    if (first !== undefined) add(origin, `duplicate branch id ${branch.id} (first at line ${originOf(branchOrigins, first).line})`);
    else branches.set(branch.id, i);
    if (branch.id === file.organization.id) add(origin, `branch id ${branch.id} is the organization's own id`);
    known(branch.secretary, refAt('secretary'), 'secretary');
    if (branch.liaison) known(branch.liaison, refAt('liaison'), 'liaison');
    if (branch.reviewer) known(branch.reviewer, refAt('reviewer'), 'reviewer');
    if (branch.reviewer && branch.reviewer.toLowerCase() === branch.secretary.toLowerCase()) {
      add(refAt('reviewer'), `the secretary of ${branch.id} cannot review their own report`);
    }
  });
  if (!file.organization.branches.length) add(at(['organization']), 'no branches: list them under branches or in branchesCsv');

  if (!isTimeZone(file.timeZone)) add(at(['timeZone']), `unknown time zone ${file.timeZone}`);
  else {
    const due = parseDueDate(file.dueDate, file.timeZone);
    if (Number.isNaN(due.getTime())) add(at(['dueDate']), `not a date: ${file.dueDate}`);
    else if (!options.allowPastDueDate && due.getTime() <= (options.now ?? new Date()).getTime()) {
      add(at(['dueDate']), `due date ${file.dueDate} is in the past`);
    }
  }
  const offsets = file.schedule.remindersBeforeDue.map(durationMs);
  if (new Set(offsets).size !== offsets.length) add(at(['schedule', 'remindersBeforeDue']), 'the same reminder is listed twice');
  if (durationMs(file.schedule.escalateToPartyGroupSecretaryAfter) < durationMs(file.schedule.escalateToLiaisonAfter)) {
    add(at(['schedule', 'escalateToPartyGroupSecretaryAfter']), 'must not come before the escalation to the liaison');
  }
  if (durationMs(file.schedule.reviewSla) === 0) add(at(['schedule', 'reviewSla']), 'must be longer than 0');
  if (!file.template.sections.length) add(at(['template', 'sections']), 'at least one required section');
  return problems;
}

/** Reads a CSV with a header row; each row validated like its YAML counterpart. */
function readCsvRows<S extends z.ZodType>(path: string, schema: S, problems: SeasonFileProblem[], referencedAt: Origin): { value: z.infer<S>; line: number }[] {
  if (!existsSync(path)) {
    problems.push({ ...referencedAt, message: `CSV file not found: ${path}` });
    return [];
  }
  let records: { record: Record<string, string>; line: number }[];
  try {
    records = (
      parseCsv(readFileSync(path, 'utf8'), { bom: true, columns: true, skip_empty_lines: true, trim: true, info: true }) as {
        record: Record<string, string>;
        info: { lines: number };
      }[]
    ).map(({ record, info }) => ({ record, line: info.lines }));
  } catch (error) {
    problems.push({ file: path, line: (error as { lines?: number }).lines ?? 1, field: '', message: (error as Error).message });
    return [];
  }
  const rows: { value: z.infer<S>; line: number }[] = [];
  for (const { record, line } of records) {
    const cleaned = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ''));
    const parsed = schema.safeParse(cleaned);
    if (parsed.success) rows.push({ value: parsed.data, line });
    else {
      for (const issue of parsed.error.issues) {
        const field = issue.code === 'unrecognized_keys' ? issue.keys.join(',') : String(issue.path[0] ?? '');
        const missing = issue.code === 'invalid_type' && issue.input === undefined;
        problems.push({
          file: path,
          line,
          field,
          message: issue.code === 'unrecognized_keys' ? `unknown column "${field}"` : missing ? 'required' : issue.message,
        });
      }
    }
  }
  return rows;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const fieldName = (path: (string | number)[]) =>
  path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');

/** The line of the deepest node that exists along the path (a missing field points at its parent). */
function lineOf(doc: Document, path: (string | number)[], counter: LineCounter): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}
