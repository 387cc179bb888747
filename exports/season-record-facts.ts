// What the exports take from the record (台账) rather than the read model: every escalation of a
// report (the read model keeps only the latest, and a submission or an extension clears it) and
// where a report closed by the season's end had got to (the read model says only `closed`).
import type { Db } from '../db/client';
import type { ClosedOutcome, ReportState } from '../domain/vocabulary';

// The actions the report workflow records (workflows/report-mail.ts NOTICES, branch-report.ts close).
const ESCALATED = 'report.escalated';
const REVIEW_ESCALATED = 'report.review_escalated';
const CLOSED = 'report.closed';

/** One escalation as recorded: when, which (the timer's kind, e.g. escalate_liaison) and to whom (addresses). */
export interface RecordedEscalation {
  at: Date;
  kind: string;
  to: string[];
}

export interface RecordFacts {
  escalations: Map<string, RecordedEscalation[]>;
  /** The state each report closed by the season's end was in when it closed. */
  stateAtClose: Map<string, string>;
}

export async function loadRecordFacts(db: Db, seasonId: string): Promise<RecordFacts> {
  const events = await db.auditEvent.findMany({
    where: { seasonId, action: { in: [ESCALATED, REVIEW_ESCALATED, CLOSED] } },
    select: { reportId: true, action: true, occurredAt: true, detailJson: true },
    orderBy: { id: 'asc' },
  });
  const facts: RecordFacts = { escalations: new Map(), stateAtClose: new Map() };
  for (const event of events) {
    if (!event.reportId) continue;
    const detail = JSON.parse(event.detailJson) as { kind?: unknown; to?: unknown; stateAtClose?: unknown };
    if (event.action === CLOSED) {
      if (typeof detail.stateAtClose === 'string') facts.stateAtClose.set(event.reportId, detail.stateAtClose);
      continue;
    }
    const kind = typeof detail.kind === 'string' ? detail.kind : event.action === REVIEW_ESCALATED ? 'review_escalation' : 'escalation';
    const to = Array.isArray(detail.to) ? detail.to.filter((email): email is string => typeof email === 'string') : [];
    const list = facts.escalations.get(event.reportId) ?? [];
    list.push({ at: event.occurredAt, kind, to });
    facts.escalations.set(event.reportId, list);
  }
  return facts;
}

const AT_CLOSE: Partial<Record<string, ClosedOutcome>> = {
  assigned: 'closed_unsubmitted',
  drafting: 'closed_unsubmitted',
  revision_requested: 'closed_in_revision',
  submitted: 'closed_in_review',
  reviewed: 'closed_unapproved',
};

export type Outcome = ReportState | ClosedOutcome;

/** A report's outcome: its state, and for one closed by the season's end, how far it had got. */
export function outcomeOf(state: string, stateAtClose: string | undefined, everSubmitted: boolean): Outcome {
  if (state !== 'closed') return state as ReportState;
  const known = stateAtClose ? AT_CLOSE[stateAtClose] : undefined;
  // A close recorded without its state (none is, today) still tells a report never submitted apart.
  return known ?? (everSubmitted ? 'closed' : 'closed_unsubmitted');
}
