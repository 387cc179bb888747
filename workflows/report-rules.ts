// Who may do what, in which state. Pure: used by the update validators, so a refused request is
// answered at once and writes nothing to history.
import { ApplicationFailure } from '@temporalio/workflow';
import { RATINGS, SETTLED_STATES, WRITING_STATES, REVIEW_STATES, type ReportState } from '../domain/vocabulary';
import { REJECTION, type Actor, type Delegation, type RejectionDetail, type ReviewRequest } from './report-api';

export interface ReportPeople {
  secretary: string;
  liaison?: string;
  reviewer?: string;
  partyGroupSecretary?: string;
  leaders: string[];
  admins: string[];
}

const STATE_NAMES: Record<ReportState, [string, string]> = {
  assigned: ['已分配', 'assigned'],
  drafting: ['撰写中', 'drafting'],
  submitted: ['已提交', 'submitted'],
  in_review: ['审阅中', 'in review'],
  revision_requested: ['待修改', 'revision requested'],
  reviewed: ['已审阅待审批', 'reviewed'],
  approved: ['已审批', 'approved'],
  exempted: ['已免于述职', 'exempted'],
  withdrawn: ['已撤销', 'withdrawn'],
  closed: ['已结束', 'closed'],
};

export function reject(code: string, zh: string, en: string): never {
  const detail: RejectionDetail = { code, 'zh-CN': zh, en };
  throw ApplicationFailure.create({ type: REJECTION, message: en, details: [detail], nonRetryable: true });
}

const same = (a: string | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();

function requireState(state: ReportState, allowed: readonly ReportState[], what: [string, string]): void {
  if (allowed.includes(state)) return;
  const [zh, en] = STATE_NAMES[state];
  reject('wrong_state', `报告当前状态为“${zh}”，不能${what[0]}。`, `The report is ${en}; it cannot be ${what[1]} now.`);
}

export function assertSecretary(people: ReportPeople, actor: Actor): void {
  if (!same(people.secretary, actor.email)) {
    reject('not_secretary', `只有本支部书记（${people.secretary}）可以撰写和提交报告。`, `Only the branch secretary (${people.secretary}) may write and submit this report.`);
  }
}

export function assertAdmin(people: ReportPeople, actor: Actor): void {
  if (!people.admins.some((admin) => same(admin, actor.email))) {
    reject('not_admin', '只有本次述职的管理员可以执行此操作。', "Only the season's admins may do this.");
  }
}

export const isLeader = (people: ReportPeople, email: string) => people.leaders.some((leader) => same(leader, email));
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

export function canStartReview(state: ReportState, people: ReportPeople, actor: Actor): void {
  if (!isReviewer(people, roleHolder(actor)) && !isLeader(people, roleHolder(actor))) {
    reject('not_reviewer', '只有指定的审阅人可以审阅此报告。', 'Only the assigned reviewer may review this report.');
  }
  requireState(state, REVIEW_STATES, ['开始审阅', 'taken into review']);
}

/** What a review request will do, or why it may not. */
export function reviewOutcome(state: ReportState, people: ReportPeople, request: ReviewRequest): 'pass' | 'approve' | 'request_revision' {
  const { actor, decision } = request;
  const leader = isLeader(people, roleHolder(actor));
  const reviewer = isReviewer(people, roleHolder(actor));
  if (!leader && !reviewer) {
    reject('not_reviewer', '只有指定的审阅人或党组领导可以审阅此报告。', 'Only the assigned reviewer or leadership may review this report.');
  }
  if (decision === 'request_revision') {
    if (!request.comment?.trim()) reject('comment_required', '退回修改时必须填写意见。', 'A revision request needs a comment.');
    requireState(state, leader ? [...REVIEW_STATES, 'reviewed'] : REVIEW_STATES, ['退回修改', 'sent back for revision']);
    return 'request_revision';
  }
  if (reviewer && REVIEW_STATES.includes(state)) return 'pass';
  if (!leader) requireState(state, REVIEW_STATES, ['通过审阅', 'passed']);
  requireState(state, [...REVIEW_STATES, 'reviewed'], ['审批', 'approved']);
  if (!request.rating || !RATINGS.includes(request.rating)) {
    reject('rating_required', `审批时须给出评价等次：${RATINGS.join('、')}。`, `Approval needs a rating: ${RATINGS.join(', ')}.`);
  }
  return 'approve';
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
