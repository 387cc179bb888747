// What a report's row must say, folded from its record: `audit verify` holds every Report row to it.
import { readModelFromRecord, type RecordedStep } from '../../domain/report-record';

const step = (action: string, detail: Record<string, unknown> = {}, versionNumber: number | null = null): RecordedStep => ({ action, versionNumber, detail });
const assigned = step('report.assigned', { dueAt: '2026-12-31T15:59:59.999Z' });

describe("a report's read model, from its record", () => {
  test('a report just assigned is assigned, with no version, no rating, and the due date it was given', () => {
    expect(readModelFromRecord([assigned])).toEqual({ state: 'assigned', currentVersion: 0, rating: null, dueAt: '2026-12-31T15:59:59.999Z' });
    expect(readModelFromRecord([])).toEqual({ state: 'assigned', currentVersion: 0, rating: null, dueAt: null });
  });

  test('the cycle: drafts, a submission, a revision asked for and made, a review passed, an approval with its rating', () => {
    const steps = [
      assigned,
      step('report.draft_saved', {}, 1),
      step('report.draft_saved', {}, 2),
      step('report.submitted', {}, 3),
      step('report.revision_requested', { comment: '请补充' }),
      step('report.draft_saved', {}, 4),
      step('report.resubmitted', {}, 5),
      step('report.review_passed'),
      step('report.approved', { rating: '较好' }),
    ];
    const after = (n: number) => readModelFromRecord(steps.slice(0, n));
    expect([2, 3, 4, 5, 6, 7, 8, 9].map((n) => [after(n).state, after(n).currentVersion])).toEqual([
      ['drafting', 1],
      ['drafting', 2],
      ['submitted', 3],
      ['revision_requested', 3],
      ['revision_requested', 4],
      ['submitted', 5],
      ['reviewed', 5],
      ['approved', 5],
    ]);
    expect(after(9).rating).toBe('较好');
    expect(after(8).rating).toBeNull();
  });

  test('a draft saved during a revision leaves the report in revision, not back to drafting', () => {
    expect(readModelFromRecord([assigned, step('report.submitted', {}, 1), step('report.revision_requested'), step('report.draft_saved', {}, 2)]).state).toBe(
      'revision_requested',
    );
  });

  test.each([
    ['report.exempted', 'exempted'],
    ['report.withdrawn', 'withdrawn'],
    ['report.closed', 'closed'],
  ])('%s settles the report as %s', (action, state) => {
    expect(readModelFromRecord([assigned, step(action)]).state).toBe(state);
  });

  test.each([
    ['report.assigned', 'assigned'],
    ['report.submitted', 'submitted'],
    ['report.resubmitted', 'submitted'],
    ['report.review_passed', 'reviewed'],
    ['report.revision_requested', 'revision_requested'],
    ['report.approved', 'approved'],
  ])('%s puts the report in %s, whatever state it was in before', (action, state) => {
    const before = state === 'approved' ? step('report.exempted') : step('report.approved', { rating: '好' });
    expect(readModelFromRecord([assigned, before, step(action)]).state).toBe(state);
  });

  test('only a saved draft or a submission makes a version current; a decision naming a version does not', () => {
    const decided = [assigned, step('report.submitted', {}, 2), step('report.review_passed', {}, 1), step('report.approved', { rating: '好' }, 1)];
    expect(readModelFromRecord(decided).currentVersion).toBe(2);
  });

  test("the rating is the approval's: the season closing after it keeps it", () => {
    const closed = [assigned, step('report.submitted', {}, 1), step('report.approved', { rating: '较好' }), step('report.closed')];
    expect(readModelFromRecord(closed).rating).toBe('较好');
  });

  test('reminders, escalations and other notices change nothing the row shows', () => {
    const quiet = [
      assigned,
      step('report.reminded'),
      step('report.escalated', { to: ['x@bureau.example'] }),
      step('report.reassigned', { from: 'a', to: 'b' }),
    ];
    expect(readModelFromRecord(quiet)).toEqual(readModelFromRecord([assigned]));
  });

  test('a submission without a version number keeps the version before it', () => {
    expect(readModelFromRecord([assigned, step('report.draft_saved', {}, 2), step('report.submitted', {}, null)]).currentVersion).toBe(2);
  });

  test('extending the due date moves it; extending a revision leaves the due date as it was', () => {
    const extended = step('report.extended', { until: '2027-01-15T15:59:59.999Z' });
    expect(readModelFromRecord([assigned, extended]).dueAt).toBe('2027-01-15T15:59:59.999Z');
    expect(readModelFromRecord([assigned, step('report.extended', { until: '2027-01-20T00:00:00.000Z', revision: true })]).dueAt).toBe(
      '2026-12-31T15:59:59.999Z',
    );
  });

  test('a rating or due date the record does not hold as text is none', () => {
    expect(readModelFromRecord([step('report.assigned', { dueAt: 20261231 }), step('report.approved', { rating: 3 })])).toMatchObject({
      rating: null,
      dueAt: null,
    });
  });
});
