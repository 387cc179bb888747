// When a report's reminders, escalations and weekly overdue notices fall due, from its state alone:
// the plan the report workflow sleeps on, re-made after every change.
import type { ScheduleMs } from '../../domain/messages';
import { currentDeadline, dueTimers, nextTimer, noticesFor, plannedTimers, type Timer, type TimerState } from '../../workflows/report-timers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** The season file's defaults. */
const schedule: ScheduleMs = {
  remindersBeforeDue: [7 * DAY, 3 * DAY, 1 * DAY],
  escalateToLiaisonAfter: 1 * DAY,
  escalateToPartyGroupSecretaryAfter: 3 * DAY,
  digestEvery: WEEK,
  revisionPeriod: WEEK,
  reviewSla: 5 * DAY,
  reviewReminderBeforeSla: 1 * DAY,
};

const DUE_ISO = '2026-12-31T15:59:59.999Z';
const DUE = Date.parse(DUE_ISO);
const base = `round-0/${DUE_ISO}`;

const drafting = (over: Partial<TimerState> = {}): TimerState => ({
  status: 'drafting',
  dueAt: DUE_ISO,
  revisionRound: 0,
  plannedAt: DUE - 30 * DAY,
  firedTimers: [],
  hasLiaison: true,
  hasPartyGroupSecretary: true,
  ...over,
});

const plan = (timers: Timer[]) => timers.map((t) => [t.kind, t.at - DUE, t.offset]);

describe('while the secretary writes', () => {
  test('she is reminded 7, 3 and 1 days before the due date; a day late the liaison is told, three days late the Party group secretary, a week after that the first overdue notice', () => {
    expect(plannedTimers(drafting(), schedule)).toEqual([
      { key: `${base}/reminder/${7 * DAY}`, kind: 'reminder', at: DUE - 7 * DAY, offset: 7 * DAY },
      { key: `${base}/reminder/${3 * DAY}`, kind: 'reminder', at: DUE - 3 * DAY, offset: 3 * DAY },
      { key: `${base}/reminder/${1 * DAY}`, kind: 'reminder', at: DUE - 1 * DAY, offset: 1 * DAY },
      { key: `${base}/escalate-liaison`, kind: 'escalate_liaison', at: DUE + 1 * DAY },
      { key: `${base}/escalate-pgs`, kind: 'escalate_party_group_secretary', at: DUE + 3 * DAY },
      { key: `${base}/weekly/1`, kind: 'overdue_weekly', at: DUE + 3 * DAY + WEEK, offset: 1 },
    ]);
  });

  test('a report assigned three days before it is due skips the reminders whose moment had passed, the 3-day one included', () => {
    expect(plan(plannedTimers(drafting({ plannedAt: DUE - 3 * DAY }), schedule)).filter(([kind]) => kind === 'reminder')).toEqual([
      ['reminder', -1 * DAY, 1 * DAY],
    ]);
    expect(plan(plannedTimers(drafting({ plannedAt: DUE - 3 * DAY - 1 }), schedule)).filter(([kind]) => kind === 'reminder')).toEqual([
      ['reminder', -3 * DAY, 3 * DAY],
      ['reminder', -1 * DAY, 1 * DAY],
    ]);
  });

  test('a branch without a liaison or Party group secretary escalates to nobody, and its overdue notices still start a week after the second escalation would have been', () => {
    expect(plan(plannedTimers(drafting({ hasLiaison: false, hasPartyGroupSecretary: false, plannedAt: DUE }), schedule))).toEqual([
      ['overdue_weekly', 3 * DAY + WEEK, 1],
    ]);
    expect(plan(plannedTimers(drafting({ hasLiaison: false, plannedAt: DUE }), schedule))).toEqual([
      ['escalate_party_group_secretary', 3 * DAY, undefined],
      ['overdue_weekly', 3 * DAY + WEEK, 1],
    ]);
  });

  test('overdue notices go out weekly, one planned at a time: the second once the first has gone out', () => {
    const afterFirst = drafting({ plannedAt: DUE, firedTimers: [`${base}/escalate-liaison`, `${base}/escalate-pgs`, `${base}/weekly/1`] });
    expect(plannedTimers(afterFirst, schedule).filter((t) => t.kind === 'overdue_weekly')).toEqual([
      { key: `${base}/weekly/2`, kind: 'overdue_weekly', at: DUE + 3 * DAY + 2 * WEEK, offset: 2 },
    ]);
  });

  test("notices sent for an earlier deadline do not count against a new one's weeks", () => {
    const extended = '2027-01-15T15:59:59.999Z';
    const state = drafting({ dueAt: extended, plannedAt: DUE, firedTimers: [`${base}/weekly/1`, `${base}/weekly/2`] });
    expect(
      plannedTimers(state, schedule)
        .filter((t) => t.kind === 'overdue_weekly')
        .map((t) => t.key),
    ).toEqual([`round-0/${extended}/weekly/1`]);
  });

  test('a report sent back for revision is reminded about the revision due date, under keys of its own round', () => {
    const revisionDue = '2027-01-10T15:59:59.999Z';
    const state = drafting({ status: 'revision_requested', revisionRound: 2, revisionDueAt: revisionDue, plannedAt: DUE });
    expect(currentDeadline(state)).toBe(revisionDue);
    const [first] = plannedTimers(state, schedule);
    expect(first).toEqual({ key: `round-2/${revisionDue}/reminder/${7 * DAY}`, kind: 'reminder', at: Date.parse(revisionDue) - 7 * DAY, offset: 7 * DAY });
  });

  test('the original due date counts until a revision round has begun, and when a round has no date of its own', () => {
    expect(currentDeadline({ dueAt: DUE_ISO, revisionDueAt: '2027-01-10T00:00:00.000Z', revisionRound: 0 })).toBe(DUE_ISO);
    expect(currentDeadline({ dueAt: DUE_ISO, revisionRound: 1 })).toBe(DUE_ISO);
  });

  test('an assigned report, not yet opened, is reminded like one being drafted', () => {
    expect(plannedTimers(drafting({ status: 'assigned' }), schedule)).toEqual(plannedTimers(drafting(), schedule));
  });
});

describe('while the reviewer has it', () => {
  const reviewDue = '2027-01-05T08:00:00.000Z';
  const submitted = (over: Partial<TimerState> = {}) => drafting({ status: 'submitted', reviewDueAt: reviewDue, ...over });

  test('the reviewer is reminded a day before the review is due, and the admins are told when it is due', () => {
    expect(plannedTimers(submitted(), schedule)).toEqual([
      { key: `review/${reviewDue}/reminder`, kind: 'review_reminder', at: Date.parse(reviewDue) - DAY },
      { key: `review/${reviewDue}/escalation`, kind: 'review_escalation', at: Date.parse(reviewDue) },
    ]);
  });

  test('a review allowed one day is reminded half-way through it, not at its start', () => {
    const [reminder] = plannedTimers(submitted(), { ...schedule, reviewSla: DAY, reviewReminderBeforeSla: DAY });
    expect(reminder?.at).toBe(Date.parse(reviewDue) - DAY / 2);
  });

  test('a submitted report without a review due date waits without timers, and neither writing reminders nor escalations run', () => {
    expect(plannedTimers(submitted({ reviewDueAt: undefined }), schedule)).toEqual([]);
  });
});

describe('once nothing more is asked of anyone', () => {
  test.each(['reviewed', 'approved', 'exempted', 'withdrawn', 'closed'] as const)('a %s report has no timers', (status) => {
    expect(plannedTimers(drafting({ status, reviewDueAt: '2027-01-05T08:00:00.000Z' }), schedule)).toEqual([]);
    expect(nextTimer(drafting({ status }), schedule)).toBeUndefined();
  });
});

describe('the next timer and what fell due', () => {
  test('the workflow sleeps until the earliest timer that has not fired', () => {
    expect(nextTimer(drafting(), schedule)?.key).toBe(`${base}/reminder/${7 * DAY}`);
    expect(nextTimer(drafting({ firedTimers: [`${base}/reminder/${7 * DAY}`] }), schedule)?.key).toBe(`${base}/reminder/${3 * DAY}`);
  });

  test('reminders the season file lists in any order still come earliest first', () => {
    const unordered = { ...schedule, remindersBeforeDue: [1 * DAY, 7 * DAY, 3 * DAY] };
    expect(nextTimer(drafting(), unordered)?.offset).toBe(7 * DAY);
    expect(dueTimers(drafting(), unordered, DUE).map((t) => t.offset)).toEqual([7 * DAY, 3 * DAY, 1 * DAY]);
  });

  test('a worker that keeps time finds one timer due at its moment, none a millisecond before', () => {
    expect(dueTimers(drafting(), schedule, DUE - 7 * DAY - 1)).toEqual([]);
    expect(dueTimers(drafting(), schedule, DUE - 7 * DAY).map((t) => t.key)).toEqual([`${base}/reminder/${7 * DAY}`]);
  });

  test('a worker back after an outage finds every timer that fell due, oldest first, weekly notices one after another', () => {
    const due = dueTimers(drafting(), schedule, DUE + 3 * DAY + 2 * WEEK);
    expect(due.map((t) => t.kind)).toEqual([
      'reminder',
      'reminder',
      'reminder',
      'escalate_liaison',
      'escalate_party_group_secretary',
      'overdue_weekly',
      'overdue_weekly',
    ]);
    expect(due.slice(-2).map((t) => t.offset)).toEqual([1, 2]);
  });

  test('timers already fired are not due again', () => {
    const fired = dueTimers(drafting(), schedule, DUE).map((t) => t.key);
    expect(dueTimers(drafting({ firedTimers: fired }), schedule, DUE)).toEqual([]);
  });

  test('a schedule whose overdue notices repeat at zero, with no notice gap at all, stops at a thousand timers due at once', () => {
    const noGap = { ...schedule, digestEvery: 0, minimumNoticeGap: 0 };
    const due = dueTimers(drafting({ hasLiaison: false, hasPartyGroupSecretary: false, plannedAt: DUE }), noGap, DUE + 3 * DAY);
    expect(due).toHaveLength(1_000);
    expect(due.at(-1)?.key).toBe(`${base}/weekly/1000`);
  });
});

describe('catching up', () => {
  test('each audience gets one notice, the latest that fell due, standing for the ones it missed', () => {
    const due = dueTimers(drafting(), schedule, DUE + 3 * DAY + WEEK);
    const notices = noticesFor(due).map(({ timer, missed }) => [timer.kind, missed.map((t) => t.kind)]);
    expect(notices).toEqual([
      ['escalate_liaison', []],
      ['escalate_party_group_secretary', []],
      ['overdue_weekly', ['reminder', 'reminder', 'reminder']],
    ]);
  });

  test('a weekly overdue notice stands in for reminders to the same secretary, in the order they fell due', () => {
    const due = dueTimers(drafting({ hasLiaison: false, hasPartyGroupSecretary: false }), schedule, DUE + 3 * DAY + WEEK);
    const [notice, ...others] = noticesFor(due);
    expect(others).toEqual([]);
    expect(notice?.timer.key).toBe(`${base}/weekly/1`);
    expect(notice?.missed.map((t) => t.offset)).toEqual([7 * DAY, 3 * DAY, 1 * DAY]);
  });

  test("the reviewer's reminder and the admins' escalation are two notices to two audiences, the earlier first", () => {
    const reviewDue = '2027-01-05T08:00:00.000Z';
    const due = dueTimers(drafting({ status: 'submitted', reviewDueAt: reviewDue }), schedule, Date.parse(reviewDue));
    expect(noticesFor([...due].reverse()).map(({ timer, missed }) => [timer.kind, missed.length])).toEqual([
      ['review_reminder', 0],
      ['review_escalation', 0],
    ]);
  });

  test('nothing due, nothing sent', () => {
    expect(noticesFor([])).toEqual([]);
  });
});

describe('nobody is told about one report more often than the notice gap allows', () => {
  const MIN = 60_000;
  const close = { ...schedule, remindersBeforeDue: [5 * MIN, 3 * MIN, 1 * MIN] };
  const toldAt = DUE - 5 * MIN;
  const afterFirst = drafting({ firedTimers: [`${base}/reminder/${5 * MIN}`], lastToldAt: { secretary: toldAt } });

  test('reminders 3 and 1 minutes before the due date wait an hour after the one 5 minutes before, and go out as one', () => {
    const held = plannedTimers(afterFirst, close).filter((t) => t.kind === 'reminder' && t.offset !== 5 * MIN);
    expect(held.map((t) => [t.offset, t.at - toldAt, t.heldFrom])).toEqual([
      [3 * MIN, HOUR, DUE - 3 * MIN],
      [1 * MIN, HOUR, DUE - 1 * MIN],
    ]);
    expect(dueTimers(afterFirst, close, toldAt + HOUR - 1).filter((t) => t.kind === 'reminder')).toEqual([]);
    const [notice] = noticesFor(dueTimers(afterFirst, close, toldAt + HOUR).filter((t) => t.kind === 'reminder'));
    expect([notice?.timer.offset, notice?.missed.map((t) => t.offset)]).toEqual([1 * MIN, [3 * MIN]]);
  });

  test('the liaison is not held back by what the secretary was told', () => {
    const escalation = plannedTimers(drafting({ lastToldAt: { secretary: DUE + DAY - MIN } }), schedule).find((t) => t.kind === 'escalate_liaison');
    expect(escalation).toEqual({ key: `${base}/escalate-liaison`, kind: 'escalate_liaison', at: DUE + DAY });
  });

  test('a notice falling due just as the gap has passed goes out at its moment, not held back', () => {
    const escalation = plannedTimers(drafting({ lastToldAt: { liaison: DUE + DAY - HOUR } }), schedule).find((t) => t.kind === 'escalate_liaison');
    expect(escalation).toEqual({ key: `${base}/escalate-liaison`, kind: 'escalate_liaison', at: DUE + DAY });
  });

  test('weekly notices set to repeat at zero come at most once per gap', () => {
    const pgsAt = DUE + 3 * DAY;
    const state = drafting({ hasLiaison: false, hasPartyGroupSecretary: false, plannedAt: DUE });
    const weekly = plannedTimers(state, { ...schedule, digestEvery: 0 }).find((t) => t.kind === 'overdue_weekly');
    expect(weekly?.at).toBe(pgsAt + HOUR);
    expect(dueTimers(state, { ...schedule, digestEvery: 0 }, pgsAt + 3 * HOUR).map((t) => t.offset)).toEqual([1, 2, 3]);
  });

  const reviewDue = '2027-01-05T08:00:00.000Z';
  test.each([
    ['the liaison', 'their escalation', 'escalate_liaison', 'liaison', DUE + DAY],
    ['the Party group secretary', 'their escalation', 'escalate_party_group_secretary', 'party_group_secretary', DUE + 3 * DAY],
    ['the reviewer', 'the review reminder', 'review_reminder', 'reviewer', Date.parse(reviewDue) - DAY],
    ['the admins', 'the overdue review', 'review_escalation', 'admins', Date.parse(reviewDue)],
  ] as const)('%s: told something a minute before %s falls due, they hear of it an hour later', (_who, _what, kind, audience, plannedFor) => {
    const status = kind.startsWith('review') ? 'submitted' : 'drafting';
    const state = drafting({ status, reviewDueAt: reviewDue, lastToldAt: { [audience]: plannedFor - MIN } });
    const timer = plannedTimers(state, schedule).find((t) => t.kind === kind);
    expect([timer?.at, timer?.heldFrom]).toEqual([plannedFor - MIN + HOUR, plannedFor]);
  });

  test('a season that sets a shorter gap (a demo) is held only that long', () => {
    const demo = { ...close, minimumNoticeGap: MIN };
    expect(plannedTimers(afterFirst, demo).filter((t) => t.kind === 'reminder' && t.offset !== 5 * MIN)).toEqual([
      { key: `${base}/reminder/${3 * MIN}`, kind: 'reminder', at: DUE - 3 * MIN, offset: 3 * MIN },
      { key: `${base}/reminder/${1 * MIN}`, kind: 'reminder', at: DUE - 1 * MIN, offset: 1 * MIN },
    ]);
  });
});
