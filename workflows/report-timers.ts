// Which reminder or escalation is due next, from the report's state alone. Pure, so extending a
// due date or requesting a revision simply re-plans: the keys of timers already fired are kept,
// and a new deadline gives new keys.
import type { ScheduleMs } from '../domain/messages';
import { REVIEW_STATES, WRITING_STATES, type ReportState } from '../domain/vocabulary';

export type TimerKind = 'reminder' | 'escalate_liaison' | 'escalate_party_group_secretary' | 'overdue_weekly' | 'review_reminder' | 'review_escalation';

export interface Timer {
  key: string;
  kind: TimerKind;
  /** When it falls due: its planned moment, or later when the same audience was told too recently. */
  at: number;
  /** For reminders: how long before the deadline (ms). For weekly notices: which week. */
  offset?: number;
  /** Set when held back by the notice gap: the moment it was planned for. */
  heldFrom?: number;
}

/** Without a season setting, one audience is told about one report at most once an hour. */
export const DEFAULT_NOTICE_GAP = 3_600_000;

export interface TimerState {
  status: ReportState;
  dueAt: string;
  revisionDueAt?: string;
  revisionRound: number;
  reviewDueAt?: string;
  /** When the current deadline was set: reminders whose moment had already passed are skipped. */
  plannedAt: number;
  firedTimers: string[];
  hasLiaison: boolean;
  hasPartyGroupSecretary: boolean;
  /** When each audience (AUDIENCE) was last told about this report. */
  lastToldAt?: Partial<Record<Audience, number>>;
}

export function currentDeadline(state: Pick<TimerState, 'dueAt' | 'revisionDueAt' | 'revisionRound'>): string {
  return state.revisionRound > 0 && state.revisionDueAt ? state.revisionDueAt : state.dueAt;
}

export function plannedTimers(state: TimerState, schedule: ScheduleMs): Timer[] {
  if (WRITING_STATES.includes(state.status)) return heldByNoticeGap(writingTimers(state, schedule), state, schedule);
  if (REVIEW_STATES.includes(state.status) && state.reviewDueAt) return heldByNoticeGap(reviewTimers(state.reviewDueAt, schedule), state, schedule);
  return [];
}

const noticeGap = (schedule: ScheduleMs) => schedule.minimumNoticeGap ?? DEFAULT_NOTICE_GAP;

/**
 * The last line of defence against a schedule that would flood someone (the season file refuses
 * such schedules; a changed default or an old season might not): a notice to an audience told
 * less than the gap ago waits until the gap has passed, and notices waiting together are sent as
 * one (noticesFor), which says how many it stands for.
 */
function heldByNoticeGap(timers: Timer[], state: TimerState, schedule: ScheduleMs): Timer[] {
  return timers.map((timer) => {
    const last = state.lastToldAt?.[AUDIENCE[timer.kind]];
    const earliest = last === undefined ? -Infinity : last + noticeGap(schedule);
    return timer.at >= earliest ? timer : { ...timer, at: earliest, heldFrom: timer.at };
  });
}

function writingTimers(state: TimerState, schedule: ScheduleMs): Timer[] {
  const deadlineIso = currentDeadline(state);
  const deadline = Date.parse(deadlineIso);
  const base = `round-${state.revisionRound}/${deadlineIso}`;
  const timers: Timer[] = schedule.remindersBeforeDue
    .map((offset) => ({ key: `${base}/reminder/${offset}`, kind: 'reminder' as const, at: deadline - offset, offset }))
    .filter((timer) => timer.at > state.plannedAt);
  if (state.hasLiaison) {
    timers.push({ key: `${base}/escalate-liaison`, kind: 'escalate_liaison', at: deadline + schedule.escalateToLiaisonAfter });
  }
  const pgsAt = deadline + schedule.escalateToPartyGroupSecretaryAfter;
  if (state.hasPartyGroupSecretary) {
    timers.push({ key: `${base}/escalate-pgs`, kind: 'escalate_party_group_secretary', at: pgsAt });
  }
  // After the last escalation, a weekly notice until the report comes in; only the next one is planned.
  const weeksSent = state.firedTimers.filter((key) => key.startsWith(`${base}/weekly/`)).length;
  const week = weeksSent + 1;
  const every = Math.max(schedule.digestEvery, noticeGap(schedule));
  timers.push({ key: `${base}/weekly/${week}`, kind: 'overdue_weekly', at: pgsAt + week * every, offset: week });
  return timers;
}

function reviewTimers(reviewDueIso: string, schedule: ScheduleMs): Timer[] {
  const due = Date.parse(reviewDueIso);
  return [
    { key: `review/${reviewDueIso}/reminder`, kind: 'review_reminder', at: due - Math.min(schedule.reviewReminderBeforeSla, schedule.reviewSla / 2) },
    { key: `review/${reviewDueIso}/escalation`, kind: 'review_escalation', at: due },
  ];
}

/** The earliest timer not fired yet. */
export function nextTimer(state: TimerState, schedule: ScheduleMs): Timer | undefined {
  return plannedTimers(state, schedule)
    .filter((timer) => !state.firedTimers.includes(timer.key))
    .sort((a, b) => a.at - b.at)[0];
}

/** Timers past due at once are at most this many (a guard against a schedule that repeats at zero). */
const MAX_DUE_AT_ONCE = 1_000;

/**
 * Every timer due by `now`, oldest first: one when the worker keeps time, several when it comes
 * back after an outage (a weekly notice follows the one before it, so each is planned in turn).
 */
export function dueTimers(state: TimerState, schedule: ScheduleMs, now: number): Timer[] {
  const fired = [...state.firedTimers];
  const due: Timer[] = [];
  while (due.length < MAX_DUE_AT_ONCE) {
    const timer = nextTimer({ ...state, firedTimers: fired }, schedule);
    if (!timer || timer.at > now) break;
    due.push(timer);
    fired.push(timer.key);
  }
  return due;
}

export type Audience = 'secretary' | 'liaison' | 'party_group_secretary' | 'reviewer' | 'admins';

/** Who a timer's notice goes to: one notice per audience when several fall due at once. */
export const AUDIENCE: Record<TimerKind, Audience> = {
  reminder: 'secretary',
  overdue_weekly: 'secretary',
  escalate_liaison: 'liaison',
  escalate_party_group_secretary: 'party_group_secretary',
  review_reminder: 'reviewer',
  review_escalation: 'admins',
};

/** A notice to send now: the latest due timer of its audience, and the earlier ones it stands for. */
export interface Notice {
  timer: Timer;
  missed: Timer[];
}

/**
 * Catching up after an outage sends each audience one notice, the latest that fell due, saying how
 * many it stands for: never a burst of stale reminders at once.
 */
export function noticesFor(due: Timer[]): Notice[] {
  const byAudience = new Map<string, Timer[]>();
  for (const timer of due) byAudience.set(AUDIENCE[timer.kind], [...(byAudience.get(AUDIENCE[timer.kind]) ?? []), timer]);
  return [...byAudience.values()]
    .map((timers) => ({ timer: timers[timers.length - 1] as Timer, missed: timers.slice(0, -1) }))
    .sort((a, b) => a.timer.at - b.timer.at);
}
