// Where a report stands in its four steps (撰写 → 组织办审阅 → 领导审批 → 完成), who must act now
// and by when: what the report page's step indicator, the home page's to-do list and the sentence
// after each act say. Pure and workflow-safe.
import { approversFor } from './duties';
import type { ReportPeople } from './messages';
import { REVIEW_STATES, WRITING_STATES, type ReportState, type ReportStep } from './vocabulary';

/** The read model's dates a report's next step depends on. */
export interface ReportDates {
  state: string;
  dueAt: Date;
  revisionDueAt?: Date | null;
  reviewDueAt?: Date | null;
}

export interface NextStep {
  step: ReportStep;
  /** Whose turn it is: the secretary writes, the reviewer reviews, leadership approves; nobody once done. */
  role?: 'secretary' | 'reviewer' | 'leader';
  /** The people who may take the step (leadership is several); empty once done. */
  actors: string[];
  /** When the step is due, where the season sets a date for it. */
  dueAt?: Date;
  /** The secretary is revising a report sent back to her. */
  revising: boolean;
}

export function stepOf(state: string): ReportStep {
  if (WRITING_STATES.includes(state as ReportState)) return 'writing';
  if (REVIEW_STATES.includes(state as ReportState)) return 'review';
  if (state === 'reviewed') return 'approval';
  return 'done';
}

/** The date the secretary must submit by: the revision's while one is asked for. */
export const writingDue = (r: ReportDates): Date => (r.state === 'revision_requested' && r.revisionDueAt ? r.revisionDueAt : r.dueAt);

export function nextStep(r: ReportDates, people: ReportPeople): NextStep {
  const step = stepOf(r.state);
  const leadership = approversFor(people.secretary, people.leaders, people.partyGroupSecretary);
  const revising = r.state === 'revision_requested';
  switch (step) {
    case 'writing':
      return { step, role: 'secretary', actors: [people.secretary], dueAt: writingDue(r), revising };
    case 'review':
      // A branch without a reviewer is reviewed by leadership (workflows/report-rules.ts).
      return people.reviewer
        ? { step, role: 'reviewer', actors: [people.reviewer], dueAt: r.reviewDueAt ?? undefined, revising }
        : { step, role: 'leader', actors: leadership, dueAt: r.reviewDueAt ?? undefined, revising };
    case 'approval':
      return { step, role: 'leader', actors: leadership, revising };
    case 'done':
      return { step, actors: [], revising };
  }
}
