// Who may do what, in which state. Pure: used by the update validators, so a refused request is
// answered at once and writes nothing to history.
import { ApplicationFailure } from '@temporalio/workflow';
import { approversFor, isOwnReport } from '../domain/duties';
import type { ReportPeople, SeasonRules } from '../domain/messages';
import { isWithinLimit, tooLargeMessage, type ReportSize } from '../domain/report-limits';
import { RATINGS, SETTLED_STATES, STATE_NAMES, WRITING_STATES, REVIEW_STATES, type ReportState } from '../domain/vocabulary';
import { REJECTION, type Actor, type Delegation, type RejectionDetail, type ReviewRequest } from '../domain/report-api';

export function reject(code: string, zh: string, en: string): never {
  const detail: RejectionDetail = { code, 'zh-CN': zh, en };
  throw ApplicationFailure.create({ type: REJECTION, message: en, details: [detail], nonRetryable: true });
}

const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

function requireState(state: ReportState, allowed: readonly ReportState[], what: [string, string]): void {
  if (allowed.includes(state)) return;
  const { 'zh-CN': zh, en } = STATE_NAMES[state];
  reject('wrong_state', `报告当前状态为“${zh}”，不能${what[0]}。`, `The report is ${en}; it cannot be ${what[1]} now.`);
}

export function assertSecretary(people: ReportPeople, actor: Actor): void {
  if (!same(people.secretary, actor.email)) {
    reject('not_secretary', '只有本支部书记可以撰写和提交报告。', 'Only the branch secretary may write and submit this report.');
  }
}

export function assertAdmin(people: ReportPeople, actor: Actor): void {
  if (!people.admins.some((admin) => same(admin, actor.email))) {
    reject('not_admin', '只有本次述职的管理员可以执行此操作。', "Only the season's admins may do this.");
  }
}

/** Leadership as this report sees it: who may approve it (never its own secretary). */
export const isApprover = (people: ReportPeople, email: string) =>
  approversFor(people.secretary, people.leaders, people.partyGroupSecretary).some((approver) => same(approver, email));
export const isReviewer = (people: ReportPeople, email: string) => same(people.reviewer, email);

/**
 * The actor as the rules see them: someone acting under a live delegation stands in for the
 * person who delegated, and is recorded as acting on their behalf.
 */
export function effectiveActor(actor: Actor, delegations: readonly Delegation[], now: number): Actor {
  const delegation = delegations.find((d) => same(d.to, actor.email) && Date.parse(d.until) > now);
  return delegation ? { ...actor, onBehalfOf: delegation.from } : actor;
}

/** Rules check the person whose role it is: the delegator when acting on someone's behalf. */
const roleHolder = (actor: Actor) => actor.onBehalfOf ?? actor.email;

export function canWrite(state: ReportState, people: ReportPeople, actor: Actor): void {
  assertSecretary(people, actor);
  requireState(state, WRITING_STATES, ['修改或提交', 'saved or submitted']);
}

/** A text the request says is larger than the limit is refused before anything is recorded. */
export function assertReportSize(size: ReportSize | undefined): void {
  if (!size || !Number.isFinite(size.characters) || !Number.isFinite(size.bytes)) {
    reject('size_unknown', '请求未说明报告大小，请更新客户端后重试。', "The request does not state the report's size; update the client and try again.");
  }
  if (!isWithinLimit(size)) {
    const message = tooLargeMessage(size);
    reject('too_large', message['zh-CN'], message.en);
  }
}

/**
 * What a review request will do, or why it may not. Separation of duties: nobody reviews or
 * approves a report they are the secretary of; leadership approves reports that passed review
 * (or, where the season allows it, one that did not, giving a reason); a branch without a
 * reviewer is reviewed by leadership.
 */
export function reviewOutcome(state: ReportState, people: ReportPeople, rules: SeasonRules, request: ReviewRequest): 'pass' | 'approve' | 'request_revision' {
  const { actor, decision } = request;
  if (isOwnReport(people.secretary, actor)) {
    reject('own_report', '不能审阅或审批本人作为书记撰写的报告。', 'You cannot review or approve a report you are the secretary of.');
  }
  const approver = isApprover(people, roleHolder(actor));
  const reviewer = isReviewer(people, roleHolder(actor));
  if (!approver && !reviewer) {
    reject('not_reviewer', '只有指定的审阅人或党组领导可以审阅此报告。', 'Only the assigned reviewer or leadership may review this report.');
  }
  if (decision === 'request_revision') {
    if (!request.comment?.trim()) reject('comment_required', '退回修改时必须填写意见。', 'A revision request needs a comment.');
    requireState(state, approver ? [...REVIEW_STATES, 'reviewed'] : REVIEW_STATES, ['退回修改', 'sent back for revision']);
    return 'request_revision';
  }
  if (REVIEW_STATES.includes(state)) {
    if (reviewer || !people.reviewer) return 'pass';
    if (!rules.leadersMayApproveUnreviewed) {
      reject(
        'not_reviewed',
        '报告尚未通过审阅：须由审阅人审阅通过后，党组领导才能审批。',
        'The report has not passed review: its reviewer passes it before leadership approves.',
      );
    }
    if (!request.reason?.trim()) {
      reject('reason_required', '审批未经审阅的报告时必须说明理由。', 'Approving a report that has not passed review needs a reason.');
    }
  } else {
    requireState(state, ['reviewed'], ['审批', 'approved']);
    if (!approver) reject('not_leader', '只有党组领导可以审批。', 'Only leadership may approve.');
  }
  if (!request.rating || !RATINGS.includes(request.rating)) {
    reject('rating_required', `审批时须给出评价等次：${RATINGS.join('、')}。`, `Approval needs a rating: ${RATINGS.join(', ')}.`);
  }
  return 'approve';
}

/** A new secretary or reviewer must leave someone to review and approve the report. */
export function assertDutiesSeparate(people: ReportPeople): void {
  if (people.reviewer && same(people.reviewer, people.secretary)) {
    reject('own_report', '审阅人不能是本支部书记。', "The reviewer cannot be the branch's own secretary.");
  }
  if (!approversFor(people.secretary, people.leaders, people.partyGroupSecretary).length) {
    reject(
      'no_approver',
      '如此安排，将无人能审批本报告（书记不能审批本人的报告）。',
      'Then nobody could approve this report (a secretary never approves their own).',
    );
  }
}

export function canAdminister(state: ReportState, people: ReportPeople, actor: Actor, what: [string, string]): void {
  assertAdmin(people, actor);
  if (SETTLED_STATES.includes(state)) requireState(state, [], what);
}

export function assertFutureDate(iso: string, now: number): void {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) reject('bad_date', `日期无法识别：${iso}`, `Not a date: ${iso}`);
  if (at <= now) reject('date_in_past', '新的截止时间必须晚于现在。', 'The new due date must be in the future.');
}

/** Someone has something to do that a reminder could be about: the secretary writing, or the reviewer reviewing. */
export function assertSomeoneToRemind(state: ReportState): void {
  if ((WRITING_STATES as readonly ReportState[]).includes(state) || (REVIEW_STATES as readonly ReportState[]).includes(state)) return;
  reject(
    'nothing_to_remind',
    `报告当前状态为“${STATE_NAMES[state]['zh-CN']}”，书记和审阅人都无需再做什么，未发提醒。`,
    `The report is ${STATE_NAMES[state].en}: neither its secretary nor its reviewer has anything to do, so no reminder was sent.`,
  );
}

/** The longest an extension may reach from now: past it, a date is a slip of the keyboard (9999-12-31). */
const LONGEST_EXTENSION_MS = 366 * 86_400_000;

/**
 * An extension moves the due date later, and within a year. `previous` is the due date it moves
 * (the revision's while a revision is asked for), `shown` the same as the season's zone writes it.
 */
export function assertExtension(iso: string, previous: string, shown: string, now: number): void {
  const at = Date.parse(iso);
  if (at <= Date.parse(previous)) {
    reject(
      'not_later',
      `延期只能推后：新的截止时间须晚于现在的截止时间 ${shown}。`,
      `An extension moves the due date later: the new one must be after ${shown}.`,
    );
  }
  if (at > now + LONGEST_EXTENSION_MS) {
    reject('too_far', '新的截止时间不能晚于一年以后，请检查年份。', 'The new due date may be at most a year from now: check the year.');
  }
}
