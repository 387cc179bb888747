// Who may do what to a report, in which state: the rules every update's validator applies, on
// their own, without a workflow around them.
import type { ReportPeople, SeasonRules } from '../../domain/messages';
import type { Actor, ReviewRequest } from '../../domain/report-api';
import type { ReportState } from '../../domain/vocabulary';
import {
  assertAdmin,
  assertDutiesSeparate,
  assertFutureDate,
  assertReportSize,
  canAdminister,
  canWrite,
  effectiveActor,
  reviewOutcome,
} from '../../workflows/report-rules';
import { tooLargeMessage } from '../../domain/report-limits';

const people: ReportPeople = {
  secretary: 'secretary@school.example',
  reviewer: 'reviewer@bureau.example',
  leaders: ['leader@bureau.example', 'deputy@bureau.example'],
  partyGroupSecretary: 'pgs@bureau.example',
  admins: ['admin@bureau.example'],
};
const strict: SeasonRules = { leadersMayApproveUnreviewed: false };
const lenient: SeasonRules = { leadersMayApproveUnreviewed: true };
const as = (email: string, onBehalfOf?: string): Actor => ({ email, channel: 'web', ...(onBehalfOf ? { onBehalfOf } : {}) });

/** The refusal's code, or the outcome when the rules allow it. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    const details = (error as { details?: { code: string; 'zh-CN': string; en: string }[] }).details;
    if (!details?.[0]) throw error;
    return details[0].code;
  }
}

const review = (state: ReportState, request: Partial<ReviewRequest> & { actor: Actor }, rules = strict, who = people) =>
  outcome(() => reviewOutcome(state, who, rules, { decision: 'approve', ...request }));

describe('reviewing and approving', () => {
  test('the assigned reviewer passes a submitted report; leadership approves it once reviewed, with a rating', () => {
    expect(review('submitted', { actor: as(people.reviewer as string) })).toBe('pass');
    expect(review('reviewed', { actor: as('leader@bureau.example'), rating: '好' })).toBe('approve');
    expect(review('reviewed', { actor: as('pgs@bureau.example'), rating: '差' })).toBe('approve');
  });

  test('a secretary never approves her own report, not even acting for a leader who delegated to her', () => {
    const delegated = effectiveActor(
      as(people.secretary),
      [{ from: 'leader@bureau.example', to: people.secretary, until: '2099-01-01T00:00:00Z' }],
      Date.parse('2026-12-01'),
    );
    expect(delegated.onBehalfOf).toBe('leader@bureau.example');
    expect(review('reviewed', { actor: delegated, rating: '好' })).toBe('own_report');
    expect(review('reviewed', { actor: as(people.secretary), rating: '好' })).toBe('own_report');
    expect(review('submitted', { actor: as(people.secretary), decision: 'request_revision', comment: '自己退回' })).toBe('own_report');
  });

  test('nobody approves for the secretary either: acting on her behalf is her own report', () => {
    expect(review('reviewed', { actor: as('leader@bureau.example', people.secretary), rating: '好' })).toBe('own_report');
  });

  test("a leader who is the branch's own secretary cannot approve it; the other leaders can", () => {
    const leaderBranch = { ...people, secretary: 'leader@bureau.example' };
    expect(review('reviewed', { actor: as('leader@bureau.example'), rating: '好' }, strict, leaderBranch)).toBe('own_report');
    expect(review('reviewed', { actor: as('deputy@bureau.example'), rating: '好' }, strict, leaderBranch)).toBe('approve');
  });

  test('someone who is neither the reviewer nor leadership may not review', () => {
    expect(review('submitted', { actor: as('liaison@bureau.example') })).toBe('not_reviewer');
    expect(review('reviewed', { actor: as('admin@bureau.example'), rating: '好' })).toBe('not_reviewer');
  });

  test('the reviewer does not approve: a reviewed report waits for leadership', () => {
    expect(review('reviewed', { actor: as(people.reviewer as string), rating: '好' })).toBe('not_leader');
  });

  test('leadership waits for the review, unless the season allows it with a reason', () => {
    expect(review('submitted', { actor: as('leader@bureau.example'), rating: '好' })).toBe('not_reviewed');
    expect(review('submitted', { actor: as('leader@bureau.example'), rating: '好' }, lenient)).toBe('reason_required');
    expect(review('submitted', { actor: as('leader@bureau.example'), rating: '好', reason: '  ' }, lenient)).toBe('reason_required');
    expect(review('submitted', { actor: as('leader@bureau.example'), rating: '好', reason: '审阅人病假' }, lenient)).toBe('approve');
  });

  test('a branch without a reviewer is reviewed by leadership', () => {
    const noReviewer = { ...people, reviewer: undefined };
    expect(review('submitted', { actor: as('leader@bureau.example') }, strict, noReviewer)).toBe('pass');
  });

  test('an approval needs one of the four ratings', () => {
    expect(review('reviewed', { actor: as('leader@bureau.example') })).toBe('rating_required');
    expect(review('reviewed', { actor: as('leader@bureau.example'), rating: '优秀' as never })).toBe('rating_required');
  });

  test('sending back needs a comment, and is possible while in review, or for leadership once reviewed', () => {
    expect(review('submitted', { actor: as(people.reviewer as string), decision: 'request_revision', comment: ' ' })).toBe('comment_required');
    expect(review('submitted', { actor: as(people.reviewer as string), decision: 'request_revision' })).toBe('comment_required');
    expect(review('submitted', { actor: as(people.reviewer as string), decision: 'request_revision', comment: '请补充' })).toBe('request_revision');
    expect(review('reviewed', { actor: as('leader@bureau.example'), decision: 'request_revision', comment: '请补充' })).toBe('request_revision');
    expect(review('reviewed', { actor: as(people.reviewer as string), decision: 'request_revision', comment: '请补充' })).toBe('wrong_state');
  });

  test('nothing is approved twice or before it is submitted', () => {
    expect(review('approved', { actor: as('leader@bureau.example'), rating: '好' })).toBe('wrong_state');
    expect(review('drafting', { actor: as('leader@bureau.example'), rating: '好' })).toBe('wrong_state');
  });
});

describe('delegation', () => {
  const delegations = [{ from: 'leader@bureau.example', to: 'deputy@bureau.example', until: '2026-12-10T00:00:00Z' }];
  test("a live delegation makes its receiver act on the delegator's behalf; an ended one does nothing", () => {
    expect(effectiveActor(as('deputy@bureau.example'), delegations, Date.parse('2026-12-09T23:59:59Z'))).toEqual(
      as('deputy@bureau.example', 'leader@bureau.example'),
    );
    expect(effectiveActor(as('deputy@bureau.example'), delegations, Date.parse('2026-12-10T00:00:00Z'))).toEqual(as('deputy@bureau.example'));
    expect(effectiveActor(as('other@bureau.example'), delegations, Date.parse('2026-12-01'))).toEqual(as('other@bureau.example'));
  });
});

describe('writing', () => {
  test('only the branch secretary writes, while the report is being written', () => {
    expect(outcome(() => canWrite('drafting', people, as('SECRETARY@school.example')))).toBeUndefined();
    expect(outcome(() => canWrite('revision_requested', people, as(people.secretary)))).toBeUndefined();
    expect(outcome(() => canWrite('drafting', people, as('leader@bureau.example')))).toBe('not_secretary');
    expect(outcome(() => canWrite('submitted', people, as(people.secretary)))).toBe('wrong_state');
  });

  test('a refusal names the state in both languages', () => {
    try {
      canWrite('approved', people, as(people.secretary));
      throw new Error('not refused');
    } catch (error) {
      const [detail] = (error as { details: { 'zh-CN': string; en: string }[] }).details;
      expect(detail).toEqual({
        code: 'wrong_state',
        'zh-CN': '报告当前状态为“已批准”，不能修改或提交。',
        en: 'The report is approved; it cannot be saved or submitted now.',
      });
    }
  });

  test("a request must state the text's size, and a text over the limit is refused", () => {
    expect(outcome(() => assertReportSize(undefined))).toBe('size_unknown');
    expect(outcome(() => assertReportSize({ characters: Number.NaN, bytes: 10 }))).toBe('size_unknown');
    expect(outcome(() => assertReportSize({ characters: 10, bytes: 30 }))).toBeUndefined();
    expect(outcome(() => assertReportSize({ characters: 100_001, bytes: 100_001 }))).toBe('too_large');
  });
});

describe('administering', () => {
  test("only the season's admins administer, and a settled report no longer changes", () => {
    expect(outcome(() => assertAdmin(people, as('Admin@Bureau.example')))).toBeUndefined();
    expect(outcome(() => assertAdmin(people, as('leader@bureau.example')))).toBe('not_admin');
    expect(outcome(() => canAdminister('drafting', people, as('admin@bureau.example'), ['延期', 'extended']))).toBeUndefined();
    expect(outcome(() => canAdminister('approved', people, as('admin@bureau.example'), ['延期', 'extended']))).toBe('wrong_state');
    expect(outcome(() => canAdminister('closed', people, as('admin@bureau.example'), ['延期', 'extended']))).toBe('wrong_state');
  });

  test("any of the season's admins administers, not only the first", () => {
    const twoAdmins = { ...people, admins: ['admin@bureau.example', 'second.admin@bureau.example'] };
    expect(outcome(() => assertAdmin(twoAdmins, as('second.admin@bureau.example')))).toBeUndefined();
    expect(outcome(() => assertAdmin(twoAdmins, as('admin@bureau.example')))).toBeUndefined();
    expect(outcome(() => assertAdmin(twoAdmins, as('leader@bureau.example')))).toBe('not_admin');
  });

  test('a new reviewer or secretary must leave someone to review and approve', () => {
    expect(outcome(() => assertDutiesSeparate(people))).toBeUndefined();
    expect(outcome(() => assertDutiesSeparate({ ...people, reviewer: people.secretary }))).toBe('own_report');
    const lonely = { ...people, secretary: 'pgs@bureau.example', leaders: [], partyGroupSecretary: 'pgs@bureau.example' };
    expect(outcome(() => assertDutiesSeparate(lonely))).toBe('no_approver');
  });

  test('a new due date must be a date, and in the future', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(outcome(() => assertFutureDate('2027-02-30T00:00:00Z-nonsense', now))).toBe('bad_date');
    expect(outcome(() => assertFutureDate('2026-12-01T00:00:00Z', now))).toBe('date_in_past');
    expect(outcome(() => assertFutureDate('2026-12-01T00:00:01Z', now))).toBeUndefined();
  });
});

describe('a refusal speaks to the person in words, naming nobody by address', () => {
  /** The refusal's words in both languages. */
  function words(run: () => unknown): string[] {
    try {
      run();
    } catch (error) {
      const detail = (error as { details?: { 'zh-CN': string; en: string }[] }).details?.[0];
      if (detail) return [detail['zh-CN'], detail.en];
    }
    throw new Error('not refused');
  }

  test.each([
    ['another branch writing', () => canWrite('drafting', people, as('stranger@school.example'))],
    [
      'leadership approving before review',
      () => reviewOutcome('submitted', people, strict, { decision: 'approve', rating: '好', actor: as('leader@bureau.example') }),
    ],
    ['a stranger reviewing', () => reviewOutcome('submitted', people, strict, { decision: 'approve', actor: as('stranger@school.example') })],
    ['a non-admin extending', () => canAdminister('drafting', people, as('stranger@school.example'), ['延期', 'extended'])],
  ])('%s', (_name, run) => {
    for (const text of words(run)) expect(text).not.toMatch(/@|\.example/);
  });
});

describe('a refusal says why, in both languages', () => {
  /** The refusal's code and words. */
  function refusal(run: () => unknown): { code: string; 'zh-CN': string; en: string } {
    try {
      run();
    } catch (error) {
      const detail = (error as { details?: { code: string; 'zh-CN': string; en: string }[] }).details?.[0];
      if (detail) return detail;
    }
    throw new Error('not refused');
  }
  const leader = as('leader@bureau.example');
  const reviewer = as(people.reviewer as string);

  test.each([
    [
      'someone else writing',
      () => canWrite('drafting', people, as('leader@bureau.example')),
      '只有本支部书记可以撰写和提交报告。',
      'Only the branch secretary may write and submit this report.',
    ],
    ['someone not an admin administering', () => assertAdmin(people, leader), '只有本次述职的管理员可以执行此操作。', "Only the season's admins may do this."],
    [
      'a request from a client that does not state the size',
      () => assertReportSize(undefined),
      '请求未说明报告大小，请更新客户端后重试。',
      "The request does not state the report's size; update the client and try again.",
    ],
    [
      'the secretary reviewing her own report',
      () => reviewOutcome('submitted', people, strict, { decision: 'approve', actor: as(people.secretary) }),
      '不能审阅或审批本人作为书记撰写的报告。',
      'You cannot review or approve a report you are the secretary of.',
    ],
    [
      'a stranger reviewing',
      () => reviewOutcome('submitted', people, strict, { decision: 'approve', actor: as('admin@bureau.example') }),
      '只有指定的审阅人或党组领导可以审阅此报告。',
      'Only the assigned reviewer or leadership may review this report.',
    ],
    [
      'sending back without a comment',
      () => reviewOutcome('submitted', people, strict, { decision: 'request_revision', actor: reviewer }),
      '退回修改时必须填写意见。',
      'A revision request needs a comment.',
    ],
    [
      'the reviewer sending back a report already reviewed',
      () => reviewOutcome('reviewed', people, strict, { decision: 'request_revision', comment: '请补充', actor: reviewer }),
      '报告当前状态为“已审阅待批准”，不能退回修改。',
      'The report is reviewed, awaiting approval; it cannot be sent back for revision now.',
    ],
    [
      'leadership approving before the review',
      () => reviewOutcome('submitted', people, strict, { decision: 'approve', rating: '好', actor: leader }),
      '报告尚未通过审阅：须由审阅人审阅通过后，党组领导才能审批。',
      'The report has not passed review: its reviewer passes it before leadership approves.',
    ],
    [
      'leadership approving before the review, where the season allows it, without a reason',
      () => reviewOutcome('submitted', people, lenient, { decision: 'approve', rating: '好', actor: leader }),
      '审批未经审阅的报告时必须说明理由。',
      'Approving a report that has not passed review needs a reason.',
    ],
    [
      'approving a report already approved',
      () => reviewOutcome('approved', people, strict, { decision: 'approve', rating: '好', actor: leader }),
      '报告当前状态为“已批准”，不能审批。',
      'The report is approved; it cannot be approved now.',
    ],
    [
      'the reviewer approving',
      () => reviewOutcome('reviewed', people, strict, { decision: 'approve', rating: '好', actor: reviewer }),
      '只有党组领导可以审批。',
      'Only leadership may approve.',
    ],
    [
      'an approval without a rating',
      () => reviewOutcome('reviewed', people, strict, { decision: 'approve', actor: leader }),
      '审批时须给出评价等次：好、较好、一般、差。',
      'Approval needs a rating: 好, 较好, 一般, 差.',
    ],
    [
      'the secretary made her own reviewer',
      () => assertDutiesSeparate({ ...people, reviewer: people.secretary }),
      '审阅人不能是本支部书记。',
      "The reviewer cannot be the branch's own secretary.",
    ],
    [
      'a secretary who is the only leader',
      () => assertDutiesSeparate({ ...people, secretary: 'pgs@bureau.example', leaders: [] }),
      '如此安排，将无人能审批本报告（书记不能审批本人的报告）。',
      'Then nobody could approve this report (a secretary never approves their own).',
    ],
    ['a due date that is no date', () => assertFutureDate('next Friday', Date.parse('2026-12-01')), '日期无法识别：next Friday', 'Not a date: next Friday'],
    [
      'a due date in the past',
      () => assertFutureDate('2026-11-30T00:00:00Z', Date.parse('2026-12-01')),
      '新的截止时间必须晚于现在。',
      'The new due date must be in the future.',
    ],
  ])('%s', (_situation, run, zh, en) => {
    const detail = refusal(run);
    expect([detail['zh-CN'], detail.en]).toEqual([zh, en]);
  });

  test('a text over the limit is refused with the words that give its size and the limit', () => {
    const size = { characters: 100_001, bytes: 100_001 };
    const detail = refusal(() => assertReportSize(size));
    expect([detail['zh-CN'], detail.en]).toEqual([tooLargeMessage(size)['zh-CN'], tooLargeMessage(size).en]);
  });

  test('a refusal is final: asking again gets the same answer, so the caller is told not to retry', () => {
    try {
      canWrite('submitted', people, as(people.secretary));
      throw new Error('not refused');
    } catch (error) {
      expect((error as { nonRetryable?: boolean }).nonRetryable).toBe(true);
    }
  });
});
