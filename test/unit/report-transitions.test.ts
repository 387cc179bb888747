// A send-back gives the secretary time to revise, never less time than she had: the revision is
// due at the later of the report's current due date and now plus the season's revision period.
import type { ScheduleMs } from '../../domain/messages';
import type { CarriedState } from '../../workflows/report-state';
import { transition } from '../../workflows/report-transitions';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

const schedule: ScheduleMs = {
  remindersBeforeDue: [7 * DAY, 3 * DAY, 1 * DAY],
  escalateToLiaisonAfter: DAY,
  escalateToPartyGroupSecretaryAfter: 3 * DAY,
  digestEvery: 7 * DAY,
  revisionPeriod: 7 * DAY,
  reviewSla: 5 * DAY,
  reviewReminderBeforeSla: DAY,
};

const submitted = (over: Partial<CarriedState> = {}): CarriedState => ({
  reportId: 's/b',
  people: { secretary: 'sec@school.example', reviewer: 'rev@bureau.example', leaders: ['leader@bureau.example'], admins: ['admin@bureau.example'] },
  schedule,
  rules: { leadersMayApproveUnreviewed: false },
  status: 'submitted',
  dueAt: iso(NOW + 31 * DAY),
  reviewDueAt: iso(NOW + 5 * DAY),
  latestVersion: 2,
  submittedVersion: 2,
  revisionRound: 0,
  plannedAt: NOW - DAY,
  firedTimers: [],
  outbox: [],
  mailsAsked: 1,
  record: { events: 2, hash: 'h' },
  ...over,
});

const sendBack = (state: CarriedState, revisionDueAt?: string) =>
  transition(state, { kind: 'revision_requested', comment: '请补充', ...(revisionDueAt ? { revisionDueAt } : {}) }, NOW);

describe('a send-back never shortens the deadline', () => {
  test('sent back with 31 days left, the revision is due on the report’s own due date, not in 7 days', () => {
    const { next, detail, patch } = sendBack(submitted());
    expect(next.revisionDueAt).toBe(iso(NOW + 31 * DAY));
    expect(detail).toEqual({ revisionDueAt: iso(NOW + 31 * DAY) });
    expect(patch.revisionDueAt).toBe(iso(NOW + 31 * DAY));
  });

  test('sent back with 2 days left, the secretary gets the season’s revision period from now', () => {
    expect(sendBack(submitted({ dueAt: iso(NOW + 2 * DAY) })).next.revisionDueAt).toBe(iso(NOW + 7 * DAY));
  });

  test('sent back after the due date has passed, the revision period runs from now', () => {
    expect(sendBack(submitted({ dueAt: iso(NOW - 3 * DAY) })).next.revisionDueAt).toBe(iso(NOW + 7 * DAY));
  });

  test('a second send-back keeps a later revision due date the first one (or an extension) gave', () => {
    const again = submitted({ revisionRound: 1, dueAt: iso(NOW - 10 * DAY), revisionDueAt: iso(NOW + 20 * DAY) });
    expect(sendBack(again).next.revisionDueAt).toBe(iso(NOW + 20 * DAY));
  });

  test('a report extended while under review keeps its extended date on a later send-back', () => {
    const extended = submitted({ revisionRound: 1, revisionDueAt: iso(NOW - 2 * DAY), dueAt: iso(NOW + 12 * DAY) });
    expect(sendBack(extended).next.revisionDueAt).toBe(iso(NOW + 12 * DAY));
  });

  test('a revision due date the reviewer names is kept when later, and never shortens the deadline', () => {
    expect(sendBack(submitted(), iso(NOW + 40 * DAY)).next.revisionDueAt).toBe(iso(NOW + 40 * DAY));
    expect(sendBack(submitted(), iso(NOW + 3 * DAY)).next.revisionDueAt).toBe(iso(NOW + 31 * DAY));
  });
});
