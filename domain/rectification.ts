// 点评与整改: each problem the leader names in 点评 becomes a rectification item (整改事项) that the
// branch's secretary must close and prove by its due date. One workflow per item; its states, its
// requests and its timers are defined here, once, for the workflow, the activities, the app and
// the pages. Workflow-safe.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './report-api';
import type { Named } from './vocabulary';

export const RECTIFICATION_STATES = ['open', 'progress_reported', 'accepted'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];

export const RECTIFICATION_STATE_NAMES: Record<RectificationState, Named> = {
  open: { 'zh-CN': '整改中', en: 'in progress' },
  progress_reported: { 'zh-CN': '待验收', en: 'awaiting acceptance' },
  accepted: { 'zh-CN': '已销号', en: 'accepted (closed)' },
};

/** When an item's reminders and escalation fall due, in milliseconds (season file `rectification`). */
export interface RectificationSchedule {
  remindersBeforeDue: number[];
  /** After the due date with no progress reported: the season's admins and the reviewer are told. */
  escalateAfter: number;
}

export interface RectificationInput {
  itemId: string;
  seasonId: string;
  reportId: string;
  seasonTitle: string;
  branchName: string;
  timeZone: string;
  problem: string;
  measure: string;
  dueAt: string;
  /** The secretary, who reports progress. */
  owner: string;
  /** Who accepts or sends back progress: the leader who named the problem, and the season's admins. */
  reviewers: string[];
  /** Told when the item is overdue: the season's admins. */
  escalateTo: string[];
  schedule: RectificationSchedule;
  createdBy: Actor;
}

/** A file shown as evidence: its name and the hash its bytes are kept under (EvidenceFile). */
export interface EvidenceRef {
  name: string;
  hash: string;
  bytes: number;
}

export interface ProgressRequest {
  actor: Actor;
  text: string;
  evidence: EvidenceRef[];
}

export interface VerdictRequest {
  actor: Actor;
  comment?: string;
}

export interface RectificationSnapshot {
  itemId: string;
  state: RectificationState;
  dueAt: string;
  progressReports: number;
  sentBack: number;
  overdue: boolean;
  escalated: boolean;
}

export const reportProgressUpdate = defineUpdate<RectificationSnapshot, [ProgressRequest]>('reportProgress');
export const acceptRectificationUpdate = defineUpdate<RectificationSnapshot, [VerdictRequest]>('acceptRectification');
export const sendBackRectificationUpdate = defineUpdate<RectificationSnapshot, [VerdictRequest]>('sendBackRectification');
export const rectificationQuery = defineQuery<RectificationSnapshot>('rectification');

/** `<season>/<branch>/<n>`: the report's id and the problem's number in its 点评. */
export const rectificationItemId = (reportId: string, n: number) => `${reportId}/${n}`;
export const rectificationWorkflowId = (itemId: string) => `rectification/${itemId}`;

export type RectificationTimerKind = 'reminder' | 'overdue' | 'escalation';

export interface RectificationTimer {
  key: string;
  kind: RectificationTimerKind;
  at: number;
}

/**
 * Every notice the item plans while it is open (not while progress awaits a verdict, nor once
 * accepted): a reminder before the due date per offset, the owner told at the due date, and the
 * escalation after it. Notices whose moment passed before the item was created are left out.
 */
export function rectificationTimers(dueAt: number, createdAt: number, schedule: RectificationSchedule): RectificationTimer[] {
  const reminders = schedule.remindersBeforeDue
    .map((before) => ({ key: `reminder-${before}`, kind: 'reminder' as const, at: dueAt - before }))
    .filter((timer) => timer.at > createdAt);
  return [...reminders, { key: 'overdue', kind: 'overdue', at: dueAt }, { key: 'escalation', kind: 'escalation', at: dueAt + schedule.escalateAfter }];
}

/** The next notice not yet sent, if the item is open. */
export function nextRectificationTimer(state: RectificationState, timers: RectificationTimer[], sent: readonly string[]): RectificationTimer | undefined {
  if (state !== 'open') return undefined;
  return timers.filter((timer) => !sent.includes(timer.key)).sort((a, b) => a.at - b.at)[0];
}

/**
 * The measure promised for a problem, from the report's 三、下步工作思路和主要措施 section: the
 * line that shares the most two-character words with the problem (at least two), or ''.
 */
export function suggestedMeasure(reportText: string, problem: string, section = '三、下步工作思路和主要措施'): string {
  const lines = reportText.split(/\r?\n/);
  const start = lines.findIndex((line) =>
    line
      .replace(/^\s*#+\s*/, '')
      .trim()
      .startsWith(section),
  );
  if (start < 0) return '';
  const end = lines.findIndex((line, i) => i > start && /^\s*#*\s*[一二三四五六七八九十]+、/.test(line));
  const candidates = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .map((line) => line.trim())
    .filter(Boolean);
  const wanted = bigrams(problem);
  let best = { line: '', shared: 1 };
  for (const line of candidates) {
    const shared = [...bigrams(line)].filter((pair) => wanted.has(pair)).length;
    if (shared > best.shared) best = { line, shared };
  }
  return best.line.replace(/^[\d（(一二三四五六七八九十]+[)）.、]\s*/, '');
}

function bigrams(text: string): Set<string> {
  const han = text.replace(/[^\u4e00-\u9fff]/g, '');
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < han.length; i += 1) pairs.add(han.slice(i, i + 2));
  return pairs;
}
