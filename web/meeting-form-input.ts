// The meeting form's fields (web/pages/meeting-form.ts) as a meeting file's data, checked by the
// same rules as a file and the API (app/meeting-file.ts), each problem named by its label on the form.
import { createHash } from 'node:crypto';
import { checkMeeting, type MeetingFile, type MeetingProblem } from '../app/meeting-file';
import type { FieldPath } from '../app/season-file-zod';
import { words, type Words } from '../domain/words';
import type { Locale } from '../domain/vocabulary';
import { colon } from './format';
import type { Translate } from './i18n';

/** Rows of groups on the form; a meeting file may have more (20). */
export const GROUP_ROWS = 5;

export type MeetingForm = Record<string, string | string[] | undefined>;

/**
 * The meeting's id, from its title and closing time: the same meeting sent again (a second press,
 * Back and send, a refreshed form) is the same meeting, scheduled once.
 */
const meetingIdOf = (title: string, closesAt: string) => `m-${createHash('sha256').update(`${title}\n${closesAt}`).digest('hex').slice(0, 10)}`;

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
/** A number as a person writes one: digits, perhaps a decimal part; "0x10" or "1e3" is none (NaN, refused). */
const numberIn = (text: string) => (/^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN);
const all = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value ? [value] : []);

/** A problem as the form shows it: where (its label on the form) and what to do. */
export interface FormProblem {
  label: string;
  message: Words;
}

export function meetingFromForm(seasonId: string, form: MeetingForm, t: Translate): { meeting?: MeetingFile; problems: FormProblem[] } {
  const reporters = all(form.reporter);
  // The form's row of each group given (rows left empty are skipped).
  const rows: number[] = [];
  const groups = Array.from({ length: GROUP_ROWS }, (_, i) => i).flatMap((i) => {
    const [name, weight, ballots, evaluators] = ['name', 'weight', 'ballots', 'evaluators'].map((field) => one(form[`group-${field}-${i}`]));
    if (!name && !ballots && !evaluators) return [];
    const emails = (evaluators ?? '').split(/[\s,，;；]+/).filter(Boolean);
    rows.push(i);
    return [
      {
        id: `group-${i + 1}`,
        name,
        weight: numberIn(weight ?? ''),
        ...(ballots ? { ballots: numberIn(ballots) } : {}),
        ...(emails.length ? { evaluators: emails } : {}),
      },
    ];
  });
  const formProblems: MeetingProblem[] = [
    ...(reporters.length ? [] : [{ path: ['reporters'], message: words(t('noReporterTicked'), t('noReporterTicked')) }]),
    ...(groups.length ? [] : [{ path: ['groups'], message: words(t('noGroupGiven'), t('noGroupGiven')) }]),
  ];
  const labeled = (problems: MeetingProblem[]) => problems.map((p) => ({ label: formLabel(p.path, rows, t), message: p.message }));
  if (formProblems.length) return { problems: labeled(formProblems) };
  // The closing time as the browser's datetime-local gives it (2026-12-20T17:00), in the season's zone.
  const [title, closesAt] = [one(form.title), one(form.closesAt)];
  const body = { season: seasonId, id: meetingIdOf(title, closesAt), title, closesAt, reporters, groups };
  const { meeting, problems } = checkMeeting(body);
  return meeting ? { meeting, problems: [] } : { problems: labeled(problems) };
}

/** A problem in a line: "评议组 3 · 权重：请填写整数，如 40。" */
export const problemLine = (problem: FormProblem, locale: Locale) => `${problem.label}${colon(locale)}${problem.message[locale]}`;

/** Where on the form a problem is: "评议组 2 · 权重", "投票截止时间" … (`rows`: each group's row on the form). */
function formLabel(path: FieldPath, rows: number[], t: Translate): string {
  const [first, index, field] = path;
  if (first === 'groups' && typeof index === 'number') {
    const label = { name: t('groupName'), weight: t('groupWeight'), ballots: t('groupBallots'), evaluators: t('groupEvaluators') }[String(field)];
    return [`${t('evaluatorGroup')} ${(rows[index] ?? index) + 1}`, label].filter(Boolean).join(' · ');
  }
  const labels: Record<string, string> = {
    title: t('meetingName'),
    closesAt: t('meetingClosesAt'),
    reporters: t('meetingReporters'),
    groups: t('evaluatorGroup'),
  };
  return labels[String(first)] ?? String(first);
}
