// What a page offers each person, asked of the workflow's own rules: exactly the acts its
// validators would accept, so nobody sees a button that would only answer with a refusal.
import { allowedActs, type ReportParties } from '../../app/report-permissions';
import type { ReportState } from '../../domain/vocabulary';

const parties = (over: Partial<ReportParties['people']> = {}, leadersMayApproveUnreviewed = false): ReportParties => ({
  people: {
    secretary: 'sec@school.example',
    reviewer: 'rev@bureau.example',
    leaders: ['leader@bureau.example'],
    partyGroupSecretary: 'pgs@bureau.example',
    admins: ['admin@bureau.example'],
    ...over,
  },
  rules: { leadersMayApproveUnreviewed },
  delegations: [],
});

const acts = (state: ReportState, email: string, who = parties()) => allowedActs(state, who, email);

describe('what each person may do now', () => {
  test('the secretary writes while assigned, drafting or sent back, and nothing else', () => {
    for (const state of ['assigned', 'drafting', 'revision_requested'] as const) {
      expect(acts(state, 'sec@school.example')).toEqual({ write: true, requestRevision: false, review: undefined, administer: false });
    }
    expect(acts('submitted', 'sec@school.example')).toEqual({ write: false, requestRevision: false, review: undefined, administer: false });
  });

  test('the reviewer sends back or passes a submitted report; once passed, nothing is left for them', () => {
    expect(acts('submitted', 'rev@bureau.example')).toMatchObject({ requestRevision: true, review: 'pass' });
    expect(acts('reviewed', 'rev@bureau.example')).toMatchObject({ requestRevision: false, review: undefined });
  });

  test('leadership approves a reviewed report (or sends it back); a submitted one waits for its reviewer', () => {
    expect(acts('reviewed', 'leader@bureau.example')).toMatchObject({ requestRevision: true, review: 'approve' });
    expect(acts('reviewed', 'pgs@bureau.example')).toMatchObject({ review: 'approve' });
    expect(acts('submitted', 'leader@bureau.example')).toMatchObject({ requestRevision: true, review: undefined });
    expect(acts('submitted', 'leader@bureau.example', parties({}, true))).toMatchObject({ review: 'approve_unreviewed' });
    expect(acts('submitted', 'leader@bureau.example', parties({ reviewer: undefined }))).toMatchObject({ review: 'pass' });
  });

  test('nobody approves their own report', () => {
    expect(acts('reviewed', 'leader@bureau.example', parties({ secretary: 'leader@bureau.example' }))).toMatchObject({
      review: undefined,
      requestRevision: false,
    });
  });

  test('a delegate acts for the reviewer until the delegation ends', () => {
    const delegated = { ...parties(), delegations: [{ from: 'rev@bureau.example', to: 'deputy@bureau.example', until: '2099-01-01T00:00:00Z' }] };
    expect(acts('submitted', 'deputy@bureau.example', delegated)).toMatchObject({ review: 'pass' });
    const ended = { ...parties(), delegations: [{ from: 'rev@bureau.example', to: 'deputy@bureau.example', until: '2000-01-01T00:00:00Z' }] };
    expect(acts('submitted', 'deputy@bureau.example', ended)).toMatchObject({ review: undefined, requestRevision: false });
  });

  test('an admin administers a report until it is settled', () => {
    expect(acts('drafting', 'admin@bureau.example').administer).toBe(true);
    expect(acts('reviewed', 'admin@bureau.example').administer).toBe(true);
    for (const state of ['approved', 'exempted', 'withdrawn', 'closed'] as const) expect(acts(state, 'admin@bureau.example').administer).toBe(false);
    expect(acts('drafting', 'leader@bureau.example').administer).toBe(false);
  });
});
