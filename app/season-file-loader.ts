// Reads a season file (and the CSV files it names) and reports every problem at once, each with
// its file, line, field and what to do. Nothing is written anywhere: creating the season is a
// separate step.
import { dirname, resolve } from 'node:path';
import { isCollection, isNode, type Document, type LineCounter } from 'yaml';
import type { z } from 'zod';
import { finalGradeProblems } from '../domain/final-grade';
import { branchSchema, personSchema, seasonFileSchema, type SeasonFile } from '../domain/season-file';
import { readCsvRows, type CsvRows } from './season-file-csv';
import { fieldName, SeasonFileError, type Origin, type SeasonFileProblem } from './season-file-problem';
import { VALUE_WORDS } from './season-file-words';
import { readSeasonYaml, type SeasonYaml } from './season-file-yaml';
import { closestField, issueWords, knownFields, type FieldPath } from './season-file-zod';
import { peopleChecks, separationOfDuties, type SeasonOrigins } from './season-people-checks';
import { scheduleChecks } from './season-schedule-checks';

export { formatProblem, SeasonFileError, type SeasonFileProblem } from './season-file-problem';

export interface LoadOptions {
  /** Defaults to now; a due date before it is a problem unless `allowPastDueDate`. */
  now?: Date;
  allowPastDueDate?: boolean;
}

/** What validating a season file found: the file if it can be used, what stops it, and what only deserves a look. */
export interface SeasonFileValidation {
  file?: SeasonFile;
  problems: SeasonFileProblem[];
  /** Worth knowing, never blocking (say, a leader who is also a branch's secretary, or a file saved as GBK). */
  warnings: SeasonFileProblem[];
}

/** The file, or a SeasonFileError with every problem; warnings do not stop it. */
export function loadSeasonFile(path: string, options: LoadOptions = {}): SeasonFile {
  const { file, problems } = validateSeasonFile(path, options);
  if (!file || problems.length) throw new SeasonFileError(problems);
  return file;
}

export function validateSeasonFile(path: string, options: LoadOptions = {}): SeasonFileValidation {
  const read = readSeasonYaml(path);
  if (!read.yaml) return { problems: read.problems, warnings: read.warnings };
  const { doc } = read.yaml;
  const at = originIn(path, read.yaml);
  const present = (fieldPath: FieldPath) => doc.hasIn(fieldPath);
  const result = seasonFileSchema.safeParse(doc.toJS());
  if (!result.success) return { problems: schemaProblems(result.error.issues, doc, at), warnings: read.warnings };

  const file = result.data;
  const problems: SeasonFileProblem[] = [];
  const warnings = [...read.warnings];
  const origins: SeasonOrigins = {
    at,
    people: file.people.map((_, i) => at(['people', i, 'email'])),
    branches: file.organization.branches.map((_, i) => at(['organization', 'branches', i, 'id'])),
  };
  let unreadable = false;
  const fromCsv = <T>(csvPath: string, read: CsvRows<T>, field: string) => {
    problems.push(...read.problems);
    warnings.push(...read.warnings);
    unreadable ||= read.unreadable ?? false;
    return { values: read.rows.map((r) => r.value), origins: read.rows.map((r): Origin => ({ file: csvPath, line: r.line, field })) };
  };
  if (file.peopleCsv) {
    const csvPath = resolve(dirname(path), file.peopleCsv);
    const read = fromCsv(csvPath, readCsvRows(csvPath, personSchema, at(['peopleCsv']), file.peopleCsv), 'email');
    file.people.push(...read.values);
    origins.people.push(...read.origins);
  }
  const { branchesCsv } = file.organization;
  if (branchesCsv) {
    const csvPath = resolve(dirname(path), branchesCsv);
    const read = fromCsv(csvPath, readCsvRows(csvPath, branchSchema, at(['organization', 'branchesCsv']), branchesCsv), 'id');
    file.organization.branches.push(...read.values);
    origins.branches.push(...read.origins);
  }
  // A list that could not be read would make every reference to it look wrong: its own problem says enough.
  const duties = unreadable ? { problems: [], warnings: [] } : separationOfDuties(file, origins);
  if (!unreadable) problems.push(...peopleChecks(file, origins));
  const schedule = scheduleChecks(file, { at, present, now: options.now ?? new Date(), allowPastDueDate: options.allowPastDueDate ?? false });
  problems.push(...schedule.problems, ...duties.problems);
  if (file.finalGrade) problems.push(...finalGradeProblems(file.finalGrade).map(({ path: field, message }) => ({ ...at(field), message })));
  warnings.push(...schedule.warnings, ...duties.warnings);
  return { file: problems.length ? undefined : file, problems, warnings };
}

/** Where a field of the season file is written (a missing one: where its parent is). */
export function originIn(path: string, { doc, lineCounter }: SeasonYaml) {
  return (fieldPath: FieldPath): Origin => ({ file: path, line: lineOf(doc, fieldPath, lineCounter), field: fieldName(fieldPath) });
}

const schemaProblems = (issues: z.core.$ZodIssue[], doc: Document, at: (path: FieldPath) => Origin) => schemaProblemsOf(seasonFileSchema, issues, doc, at);

/** A file's schema problems, each at its line (a season file's, a meeting file's). */
export function schemaProblemsOf(schema: z.ZodType, issues: z.core.$ZodIssue[], doc: Document, at: (path: FieldPath) => Origin): SeasonFileProblem[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    if (issue.code === 'unrecognized_keys') {
      const known = knownFields(schema, path);
      return issue.keys.map((key) => ({ ...at([...path, key]), message: VALUE_WORDS.unknownField(key, known, closestField(key, known)) }));
    }
    const value = doc.getIn(path);
    return [{ ...at(path), message: issueWords(issue, path, isCollection(value) ? value.toJSON() : value, doc.hasIn(path)) }];
  });
}

/** The line of the deepest node that exists along the path (a missing field points at its parent). */
function lineOf(doc: Document, path: FieldPath, counter: LineCounter): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}
