// What a report's record says its read model must be: its state, version, rating and due date,
// folded from its events in order. `audit verify` compares every Report row with this, so a row
// changed behind the record's back (a rating rewritten, a state moved) is named. Pure.
import type { ReportState } from './vocabulary';

export interface RecordedStep {
  action: string;
  versionNumber: number | null;
  detail: Record<string, unknown>;
}

/** The read model's fields the record determines. */
export interface ReadModelFromRecord {
  state: ReportState;
  currentVersion: number;
  rating: string | null;
  dueAt: string | null;
}

const STATE_AFTER: Readonly<Record<string, ReportState>> = {
  'report.assigned': 'assigned',
  'report.submitted': 'submitted',
  'report.resubmitted': 'submitted',
  'report.review_passed': 'reviewed',
  'report.revision_requested': 'revision_requested',
  'report.approved': 'approved',
  'report.exempted': 'exempted',
  'report.withdrawn': 'withdrawn',
  'report.closed': 'closed',
};

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function readModelFromRecord(steps: readonly RecordedStep[]): ReadModelFromRecord {
  const model: ReadModelFromRecord = { state: 'assigned', currentVersion: 0, rating: null, dueAt: null };
  for (const step of steps) {
    if (step.action === 'report.draft_saved') {
      if (model.state !== 'revision_requested') model.state = 'drafting';
    } else if (STATE_AFTER[step.action]) {
      model.state = STATE_AFTER[step.action] as ReportState;
    }
    if (step.action === 'report.draft_saved' || STATE_AFTER[step.action] === 'submitted') model.currentVersion = step.versionNumber ?? model.currentVersion;
    if (step.action === 'report.approved') model.rating = text(step.detail.rating);
    if (step.action === 'report.assigned') model.dueAt = text(step.detail.dueAt);
    if (step.action === 'report.extended' && !step.detail.revision) model.dueAt = text(step.detail.until);
  }
  return model;
}
