// Every change of a report's life, as one function: from the state and the act at a moment, the
// new state, the record's detail and the decision it carries. The read model's patch follows from
// the two states (report-state.ts), so a transition is written once. Pure: a retried act is
// planned again at the moment first recorded and gives the same result.
import type { Delegation } from '../domain/report-api';
import type { ReportPatch } from '../domain/messages';
import type { ReviewDecision } from '../domain/activity-contract';
import type { Rating } from '../domain/vocabulary';
import { readModelPatch, type CarriedState } from './report-state';
import { currentDeadline } from './report-timers';

export type ReportAct =
  | { kind: 'draft_saved' }
  | { kind: 'submitted' }
  | { kind: 'revision_requested'; comment: string; revisionDueAt?: string }
  | { kind: 'review_passed'; comment?: string }
  | { kind: 'approved'; rating: Rating; comment?: string; unreviewed: boolean; reason?: string }
  | { kind: 'extended'; until: string }
  | { kind: 'exempted' | 'withdrawn'; reason: string }
  | { kind: 'delegated'; delegation: Delegation }
  | { kind: 'reminded_now'; to: string }
  /** A reminder or an escalation sent when its timer fired; an escalation says to whom. */
  | { kind: 'noticed'; detail: Record<string, unknown>; escalatedTo?: string }
  | { kind: 'closed' };

export interface Transition {
  next: CarriedState;
  patch: ReportPatch;
  detail?: Record<string, unknown>;
  decision?: ReviewDecision;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The state after `act` at `at`, and what the record and the read model say of it. */
export function transition(s: CarriedState, act: ReportAct, at: number): Transition {
  const { change, detail, decision } = planOf(s, act, at);
  const next = { ...s, ...change };
  return { next, patch: readModelPatch(s, next), detail, decision };
}

interface Plan {
  change: Partial<CarriedState>;
  detail?: Record<string, unknown>;
  decision?: ReviewDecision;
}

const NO_ESCALATION = { escalatedTo: undefined, escalatedAt: undefined };

/**
 * A send-back never shortens the time the secretary has: the revision is due at the latest of the
 * asked date (now + the revision period, or the reviewer's), the report's due date and an earlier
 * revision's (which an extension may have moved). Sent back with 31 days left, 31 days stay.
 */
function revisionDue(s: CarriedState, asked: string): string {
  const dates = [asked, s.dueAt, s.revisionDueAt].filter((d): d is string => !!d);
  return iso(Math.max(...dates.map((d) => Date.parse(d))));
}

function planOf(s: CarriedState, act: ReportAct, at: number): Plan {
  switch (act.kind) {
    case 'draft_saved':
      return { change: { status: s.status === 'revision_requested' ? 'revision_requested' : 'drafting' } };
    case 'submitted':
      return { change: { status: 'submitted', submittedAt: iso(at), reviewDueAt: iso(at + s.schedule.reviewSla), ...NO_ESCALATION } };
    case 'revision_requested': {
      const revisionDueAt = revisionDue(s, act.revisionDueAt ?? iso(at + s.schedule.revisionPeriod));
      return {
        change: { status: 'revision_requested', revisionRound: s.revisionRound + 1, revisionDueAt, reviewDueAt: undefined },
        detail: { revisionDueAt },
        decision: { decision: 'revision_requested', comment: act.comment },
      };
    }
    case 'review_passed':
      return { change: { status: 'reviewed', reviewDueAt: undefined }, decision: { decision: 'passed', comment: act.comment } };
    case 'approved':
      return {
        change: { status: 'approved', approvedAt: iso(at), rating: act.rating, reviewDueAt: undefined },
        detail: act.unreviewed ? { unreviewed: true, reason: act.reason } : {},
        decision: { decision: 'approved', comment: act.comment, rating: act.rating },
      };
    case 'extended': {
      const inRevision = extensionMoves(s) === 'revisionDueAt';
      return {
        change: { ...(inRevision ? { revisionDueAt: act.until } : { dueAt: act.until }), ...NO_ESCALATION },
        detail: { until: act.until, previous: currentDeadline(s), ...(inRevision ? { revision: true } : {}) },
      };
    }
    case 'exempted':
    case 'withdrawn':
      return { change: { status: act.kind, reviewDueAt: undefined }, detail: { reason: act.reason } };
    case 'delegated':
      return {
        change: { delegations: [...(s.delegations ?? []).filter((d) => Date.parse(d.until) > at), act.delegation] },
        detail: { ...act.delegation },
      };
    case 'reminded_now':
      return { change: {}, detail: { to: [act.to] } };
    case 'noticed':
      return { change: act.escalatedTo ? { escalatedTo: act.escalatedTo, escalatedAt: iso(at) } : {}, detail: act.detail };
    case 'closed':
      return {
        change: { status: 'closed', reviewDueAt: undefined },
        detail: { stateAtClose: s.status, neverSubmitted: s.submittedVersion === undefined },
      };
  }
}

/** Which due date an extension moves: the revision's while a revision is asked for, else the report's. */
export const extensionMoves = (s: Pick<CarriedState, 'revisionRound' | 'status'>): 'revisionDueAt' | 'dueAt' =>
  s.revisionRound > 0 && s.status === 'revision_requested' ? 'revisionDueAt' : 'dueAt';
