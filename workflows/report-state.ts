// A branch report's state as its workflow holds it, and what follows from it alone: the read
// model's row, the timers' view and the snapshot callers see. Pure.
import type { Delegation, ReportSnapshot, BranchReportStart } from '../domain/report-api';
import type { MailRequest, RecordHead, ReportPatch, ReportPeople, ScheduleMs, SeasonRules } from '../domain/messages';
import type { Rating, ReportState } from '../domain/vocabulary';
import { nextTimer, type TimerState } from './report-timers';

export interface BranchReportInput extends BranchReportStart {
  /** Set when the workflow continues as new: everything it had, so nothing is redone. */
  carried?: CarriedState;
  /** Continue as new past this many history events (default 2,000; tests set it low). */
  maxHistoryEvents?: number;
}

/** The workflow's whole state: ids, people, dates and counters; never report text. */
export interface CarriedState {
  reportId: string;
  people: ReportPeople;
  schedule: ScheduleMs;
  rules: SeasonRules;
  status: ReportState;
  dueAt: string;
  revisionDueAt?: string;
  reviewDueAt?: string;
  submittedAt?: string;
  approvedAt?: string;
  /** Who the report was last escalated to, and when; cleared by a submission or an extension. */
  escalatedTo?: string;
  escalatedAt?: string;
  latestVersion: number;
  submittedVersion?: number;
  revisionRound: number;
  rating?: Rating;
  plannedAt: number;
  firedTimers: string[];
  /** When each audience was last told about this report: notices keep a gap (report-timers.ts). */
  lastToldAt?: TimerState['lastToldAt'];
  /** Who acts for a reviewer or leader, until when. */
  delegations?: Delegation[];
  /** Mail asked for but not yet taken by SMTP, oldest first. */
  outbox: MailRequest[];
  /** Every mail this report has asked for, sent or waiting. */
  mailsAsked: number;
  /** The report's chain of the record, as this workflow wrote it. */
  record: RecordHead;
}

/** The state fields the read model mirrors, and the column each goes to. */
const MIRRORED = {
  status: 'state',
  dueAt: 'dueAt',
  revisionDueAt: 'revisionDueAt',
  reviewDueAt: 'reviewDueAt',
  submittedAt: 'submittedAt',
  approvedAt: 'approvedAt',
  escalatedTo: 'escalatedTo',
  escalatedAt: 'escalatedAt',
  revisionRound: 'revisionRounds',
} as const satisfies Partial<Record<keyof CarriedState, keyof ReportPatch>>;

/**
 * The read model's patch for a change of state: every mirrored field that changed, a field that
 * was cleared as null. The row and the workflow therefore cannot tell different stories.
 */
export function readModelPatch(before: CarriedState, after: CarriedState): ReportPatch {
  const patch: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(MIRRORED) as [keyof typeof MIRRORED, keyof ReportPatch][]) {
    if (before[field] !== after[field]) patch[column] = after[field] ?? null;
  }
  return patch as ReportPatch;
}

export function timerStateOf(s: CarriedState): TimerState {
  return {
    status: s.status,
    dueAt: s.dueAt,
    revisionDueAt: s.revisionDueAt,
    revisionRound: s.revisionRound,
    reviewDueAt: s.reviewDueAt,
    plannedAt: s.plannedAt,
    firedTimers: s.firedTimers,
    hasLiaison: !!s.people.liaison,
    hasPartyGroupSecretary: !!s.people.partyGroupSecretary,
    lastToldAt: s.lastToldAt,
  };
}

export function snapshotOf(input: BranchReportStart, s: CarriedState, closed: boolean): ReportSnapshot {
  const timer = closed ? undefined : nextTimer(timerStateOf(s), s.schedule);
  return {
    reportId: s.reportId,
    seasonId: input.seasonId,
    branchId: input.branchId,
    state: s.status,
    secretaryEmail: s.people.secretary,
    reviewerEmail: s.people.reviewer,
    dueAt: s.dueAt,
    revisionDueAt: s.revisionDueAt,
    reviewDueAt: s.reviewDueAt,
    latestVersion: s.latestVersion,
    submittedVersion: s.submittedVersion,
    revisionRound: s.revisionRound,
    rating: s.rating,
    nextTimer: timer ? { kind: timer.kind, at: new Date(timer.at).toISOString() } : undefined,
    record: s.record,
    mail: { asked: s.mailsAsked, waiting: s.outbox.length },
  };
}
