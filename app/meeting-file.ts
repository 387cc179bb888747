// A 民主测评 meeting as an admin writes it (YAML, like the season file), read with every problem
// at its file, line and field. See examples/demo-meeting.yaml.
import { z } from 'zod';
import { dateFault } from '../domain/time';
import { words, type Words } from '../domain/words';
import { originIn, schemaProblemsOf } from './season-file-loader';
import { SeasonFileError } from './season-file-problem';
import type { FieldPath } from './season-file-zod';
import { readSeasonYaml } from './season-file-yaml';

/** Ballots of one meeting, at most: each is a few events in the meeting workflow's history. */
export const MAX_BALLOTS = 1_000;
/**
 * Reporters of one meeting, at most: a ballot grades each, on a phone, and the close writes every
 * ballot's grades in one activity input (domain/evaluation.ts PackedVotes).
 */
export const MAX_REPORTERS = 100;

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/);

const groupSchema = z.strictObject({
  id: slug,
  name: z.string().trim().min(1).max(60),
  /** Share of the weighted score (the groups' weights need not add up to 100: they are relative). */
  weight: z.number(),
  /** Named evaluators: each is mailed a ballot of their own. */
  evaluators: z.array(z.email()).min(1).optional(),
  /** Or a number of anonymous ballots, handed out at the meeting (QR codes, printed slips). */
  ballots: z.number().int().min(1).max(MAX_BALLOTS).optional(),
});

export const meetingFileSchema = z.strictObject({
  season: z.string().min(1),
  id: slug,
  title: z.string().trim().min(1).max(200),
  /** When voting closes: `2026-12-20 17:00` in the season's time zone, or with an offset. */
  closesAt: z.string().min(1),
  /** The reporters by branch id; without it, every report of the season. */
  reporters: z.array(z.string().min(1)).min(1).optional(),
  groups: z.array(groupSchema).min(1).max(20),
});

export type MeetingFile = z.infer<typeof meetingFileSchema>;

export function loadMeetingFile(path: string): MeetingFile {
  const read = readSeasonYaml(path);
  if (!read.yaml) throw new SeasonFileError(read.problems);
  const at = originIn(path, read.yaml);
  const parsed = meetingFileSchema.safeParse(read.yaml.doc.toJS());
  if (!parsed.success) throw new SeasonFileError(schemaProblemsOf(meetingFileSchema, parsed.error.issues, read.yaml.doc, at));
  const problems = meetingProblems(parsed.data).map(({ path: field, message }) => ({ ...at(field), message }));
  if (problems.length) throw new SeasonFileError(problems);
  return parsed.data;
}

export type MeetingProblem = { path: FieldPath; message: Words };

/** A meeting sent as data (the API's body, the web form), with the file's checks: the meeting, or each problem at its field. */
export function checkMeeting(body: unknown): { meeting: MeetingFile; problems: [] } | { meeting?: undefined; problems: MeetingProblem[] } {
  const parsed = meetingFileSchema.safeParse(body);
  if (!parsed.success) {
    // The same issues in zod's Chinese, for those said below in neither language.
    const zh = meetingFileSchema.safeParse(body, { error: z.locales.zhCN().localeError });
    return {
      problems: parsed.error.issues.map((issue, i) => {
        const path = issue.path.map((part) => (typeof part === 'number' ? part : String(part)));
        return { path, message: issueWords(issue, valueAt(body, path)) ?? words(zh.error?.issues[i]?.message ?? issue.message, issue.message) };
      }),
    };
  }
  const problems = meetingProblems(parsed.data);
  return problems.length ? { problems } : { meeting: parsed.data, problems: [] };
}

const valueAt = (body: unknown, path: FieldPath): unknown =>
  path.reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string | number, unknown>)[part] : undefined), body);

/** The issues a form or a request meets most, in words a person reads (zod's own say "expected number, received NaN"). */
function issueWords(issue: z.core.$ZodIssue, value: unknown): Words | undefined {
  if (issue.code === 'invalid_format' && issue.format === 'email') {
    return words(`“${String(value)}”不是有效的邮箱地址。`, `“${String(value)}” is not an email address.`);
  }
  if (issue.code === 'invalid_type' && (issue.expected === 'number' || issue.expected === 'int')) {
    return words('请填写整数，如 40。', 'Write a whole number, e.g. 40.');
  }
  if (issue.code === 'too_small' && issue.origin === 'string') return words('不能为空。', 'Fill this in.');
  if (issue.code === 'too_big' && issue.origin === 'string') return words(`最多 ${issue.maximum} 个字。`, `At most ${issue.maximum} characters.`);
  if (issue.code === 'too_small' && issue.origin === 'number') return words(`不能小于 ${issue.minimum}。`, `At least ${issue.minimum}.`);
  if (issue.code === 'too_big' && issue.origin === 'number') return words(`不能大于 ${issue.maximum}。`, `At most ${issue.maximum}.`);
  return undefined;
}

/** What the schema cannot say about a meeting: each problem at its field (a file's, or an API request's). */
export function meetingProblems(file: MeetingFile): MeetingProblem[] {
  const problems: MeetingProblem[] = [];
  const seen = new Set<string>();
  file.groups.forEach((group, i) => {
    if (seen.has(group.id)) {
      problems.push({
        path: ['groups', i, 'id'],
        message: words(`评议组编号“${group.id}”重复，请改为不同的编号。`, `Group id “${group.id}” is used twice: give each group its own.`),
      });
    }
    seen.add(group.id);
    if (!(group.weight > 0 && group.weight <= 100)) {
      problems.push({
        path: ['groups', i, 'weight'],
        message: words(
          `权重应大于 0、不超过 100，如 40（这里写的是 ${group.weight}）。`,
          `A weight is above 0 and at most 100, e.g. 40 (this says ${group.weight}).`,
        ),
      });
    }
    if (!group.evaluators === !group.ballots) {
      problems.push({
        path: ['groups', i],
        message: words(
          '每个评议组写 evaluators（具名发送选票的人员邮箱）或 ballots（匿名选票张数），二者选一。',
          'Give each group either evaluators (emails to mail ballots to) or ballots (a number of anonymous ballots), not both.',
        ),
      });
    }
  });
  const total = file.groups.reduce((sum, group) => sum + (group.evaluators?.length ?? group.ballots ?? 0), 0);
  if (total > MAX_BALLOTS) {
    problems.push({
      path: ['groups'],
      message: words(
        `一次测评最多 ${MAX_BALLOTS} 张选票，本文件共 ${total} 张：请分成几次测评。`,
        `A meeting takes at most ${MAX_BALLOTS} ballots; this file issues ${total}: split it into several meetings.`,
      ),
    });
  }
  if ((file.reporters?.length ?? 0) > MAX_REPORTERS) {
    problems.push({
      path: ['reporters'],
      message: words(
        `一次测评最多 ${MAX_REPORTERS} 位述职人，这里列了 ${file.reporters?.length}：请分成几次测评。`,
        `A meeting takes at most ${MAX_REPORTERS} reporters; this lists ${file.reporters?.length}: split them into several meetings.`,
      ),
    });
  }
  if (dateFault(file.closesAt)) {
    problems.push({
      path: ['closesAt'],
      message: words(
        `截止时间“${file.closesAt}”不是有效的日期时间，请写成 2026-12-20 17:00。`,
        `“${file.closesAt}” is not a real date and time: write it as 2026-12-20 17:00.`,
      ),
    });
  }
  return problems;
}
