// Where a report stands in its four steps (撰写 → 组织办审阅 → 领导审批 → 完成), who must act now
// and by when: what the report page's step indicator and the home page's to-do list say.
import type { ReportPeople } from '../../domain/messages';
import { nextStep, stepOf, writingDue, type ReportDates } from '../../domain/report-steps';

const SECRETARY = 'sec@school.example';
const REVIEWER = 'org@bureau.example';
const LEADER = 'li@bureau.example';
const PARTY_GROUP_SECRETARY = 'pgs@bureau.example';

const DUE = new Date('2025-07-15T16:00:00Z');
const REVISION_DUE = new Date('2025-07-25T16:00:00Z');
const REVIEW_DUE = new Date('2025-07-20T16:00:00Z');

/** A branch whose report the organisation office reviews before leadership approves it. */
const withReviewer: ReportPeople = {
  secretary: SECRETARY,
  reviewer: REVIEWER,
  leaders: [LEADER],
  partyGroupSecretary: PARTY_GROUP_SECRETARY,
  admins: [],
};
/** A branch without a reviewer: leadership reviews its report too. */
const withoutReviewer: ReportPeople = { secretary: SECRETARY, leaders: [LEADER], partyGroupSecretary: PARTY_GROUP_SECRETARY, admins: [] };

const report = (state: string, dates: Partial<ReportDates> = {}): ReportDates => ({ state, dueAt: DUE, ...dates });

describe('the four steps of a report', () => {
  test('a report is being written while assigned, in draft, or sent back for revision', () => {
    expect(stepOf('assigned')).toBe('writing');
    expect(stepOf('drafting')).toBe('writing');
    expect(stepOf('revision_requested')).toBe('writing');
  });

  test('a submitted report is under review', () => {
    expect(stepOf('submitted')).toBe('review');
  });

  test('a report that passed review waits for approval', () => {
    expect(stepOf('reviewed')).toBe('approval');
  });

  test('an approved, exempted, withdrawn or closed report is done', () => {
    expect(stepOf('approved')).toBe('done');
    expect(stepOf('exempted')).toBe('done');
    expect(stepOf('withdrawn')).toBe('done');
    expect(stepOf('closed')).toBe('done');
  });
});

describe('the date the secretary must submit by', () => {
  test("while she writes the report it is the season's due date", () => {
    expect(writingDue(report('assigned'))).toEqual(DUE);
    expect(writingDue(report('drafting'))).toEqual(DUE);
  });

  test('once the report is sent back it is the date the revision is asked for', () => {
    expect(writingDue(report('revision_requested', { revisionDueAt: REVISION_DUE }))).toEqual(REVISION_DUE);
  });

  test('a report sent back without a revision date is still due on its own due date', () => {
    expect(writingDue(report('revision_requested', { revisionDueAt: null }))).toEqual(DUE);
    expect(writingDue(report('revision_requested'))).toEqual(DUE);
  });

  test('once the revised report is resubmitted, the earlier revision date no longer counts', () => {
    expect(writingDue(report('submitted', { revisionDueAt: REVISION_DUE }))).toEqual(DUE);
    expect(writingDue(report('approved', { revisionDueAt: REVISION_DUE }))).toEqual(DUE);
  });
});

describe('who acts next on a report, and by when', () => {
  test("a newly assigned report is the secretary's to write by its due date", () => {
    const step = nextStep(report('assigned'), withReviewer);
    expect(step.step).toBe('writing');
    expect(step.role).toBe('secretary');
    expect(step.actors).toEqual([SECRETARY]);
    expect(step.dueAt).toEqual(DUE);
    expect(step.revising).toBe(false);
  });

  test('a draft is still hers to finish; she is not revising it', () => {
    const step = nextStep(report('drafting', { reviewDueAt: REVIEW_DUE }), withReviewer);
    expect(step.step).toBe('writing');
    expect(step.role).toBe('secretary');
    expect(step.actors).toEqual([SECRETARY]);
    expect(step.dueAt).toEqual(DUE);
    expect(step.revising).toBe(false);
  });

  test('a report sent back is hers to revise by the revision date', () => {
    const step = nextStep(report('revision_requested', { revisionDueAt: REVISION_DUE }), withReviewer);
    expect(step.step).toBe('writing');
    expect(step.role).toBe('secretary');
    expect(step.actors).toEqual([SECRETARY]);
    expect(step.dueAt).toEqual(REVISION_DUE);
    expect(step.revising).toBe(true);
  });

  test("a submitted report is the reviewer's to review by the review date", () => {
    const step = nextStep(report('submitted', { reviewDueAt: REVIEW_DUE }), withReviewer);
    expect(step.step).toBe('review');
    expect(step.role).toBe('reviewer');
    expect(step.actors).toEqual([REVIEWER]);
    expect(step.dueAt).toEqual(REVIEW_DUE);
    expect(step.revising).toBe(false);
  });

  test('a review with no date set has no due date', () => {
    expect(nextStep(report('submitted', { reviewDueAt: null }), withReviewer).dueAt).toBeUndefined();
    expect(nextStep(report('submitted', { reviewDueAt: null }), withoutReviewer).dueAt).toBeUndefined();
  });

  test('in a branch without a reviewer, leadership reviews the submitted report by the review date', () => {
    const step = nextStep(report('submitted', { reviewDueAt: REVIEW_DUE }), withoutReviewer);
    expect(step.step).toBe('review');
    expect(step.role).toBe('leader');
    expect(step.actors).toEqual([LEADER, PARTY_GROUP_SECRETARY]);
    expect(step.dueAt).toEqual(REVIEW_DUE);
    expect(step.revising).toBe(false);
  });

  test('a leader does not review her own branch without a reviewer: the rest of leadership does', () => {
    const step = nextStep(report('submitted'), { ...withoutReviewer, secretary: LEADER });
    expect(step.actors).toEqual([PARTY_GROUP_SECRETARY]);
  });

  test('a reviewed report is for leadership to approve, with no date set for it', () => {
    const step = nextStep(report('reviewed', { reviewDueAt: REVIEW_DUE }), withReviewer);
    expect(step.step).toBe('approval');
    expect(step.role).toBe('leader');
    expect(step.actors).toEqual([LEADER, PARTY_GROUP_SECRETARY]);
    expect(step.dueAt).toBeUndefined();
    expect(step.revising).toBe(false);
  });

  test("a leader's own report is approved by the rest of leadership", () => {
    expect(nextStep(report('reviewed'), { ...withReviewer, secretary: LEADER }).actors).toEqual([PARTY_GROUP_SECRETARY]);
  });

  test('once a report is approved, exempted, withdrawn or closed, nothing is asked of anyone', () => {
    for (const state of ['approved', 'exempted', 'withdrawn', 'closed']) {
      const step = nextStep(report(state, { reviewDueAt: REVIEW_DUE }), withReviewer);
      expect(step.step).toBe('done');
      expect(step.role).toBeUndefined();
      expect(step.actors).toEqual([]);
      expect(step.dueAt).toBeUndefined();
      expect(step.revising).toBe(false);
    }
  });
});
