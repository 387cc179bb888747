// The sentences that tell each person where a report stands: who acts now and by when (on the
// step indicator), and after each act what was done and what happens next — never only "已完成".
import { nextStep, type NextStep } from '../../domain/report-steps';
import type { Locale } from '../../domain/vocabulary';
import { dateIn, timeLeft } from '../format';
import { nameText } from '../people';
import type { ReportView } from '../report-view';

/** The acts a page reports after redirecting back to the report (`?done=<act>`). */
export const DONE_ACTS = [
  'submitted',
  'revision_requested',
  'passed',
  'approved',
  'extended',
  'reassigned',
  'reminded',
  'exempted',
  'withdrawn',
  'feedback',
] as const;
export type DoneAct = (typeof DONE_ACTS)[number];

/** The state an act leaves the report in: a `done` that does not match it says nothing (a stale or edited address). */
const STATE_AFTER: Partial<Record<DoneAct, string>> = {
  submitted: 'submitted',
  revision_requested: 'revision_requested',
  passed: 'reviewed',
  approved: 'approved',
  exempted: 'exempted',
  withdrawn: 'withdrawn',
};

export const asDoneAct = (value: unknown): DoneAct | undefined => ((DONE_ACTS as readonly unknown[]).includes(value) ? (value as DoneAct) : undefined);

const zh = (locale: Locale) => locale === 'zh-CN';

/** Who acts, by name; "您" when the reader is one of them. */
function whoActs(view: ReportView, step: NextStep, viewerEmail: string, locale: Locale): string {
  const me = step.actors.some((e) => e.toLowerCase() === viewerEmail.toLowerCase());
  if (me) return zh(locale) ? '您' : 'you';
  return step.actors.map((e) => nameText(view.guide.nameOf, e, locale)).join(zh(locale) ? '、' : ', ');
}

/** The report's next step, from its people as its workflow holds them. */
export const nextStepOf = (view: ReportView): NextStep => nextStep(view.report, view.guide.parties.people);

/** Who must act now and by when; once done, that nothing more is asked. */
export function nowSentence(view: ReportView, viewerEmail: string, locale: Locale): string {
  const { report } = view;
  const step = nextStepOf(view);
  const who = whoActs(view, step, viewerEmail, locale);
  const me = who === '您' || who === 'you';
  const due = step.dueAt ? dateIn(step.dueAt, report.season.timeZone) : '';
  const left = step.dueAt ? timeLeft(step.dueAt, locale) : '';
  switch (step.step) {
    case 'writing':
      if (step.revising) {
        return zh(locale)
          ? `现在由${who}按审阅意见修改后重新提交，截止 ${due}（${left}）。`
          : `Waiting for ${who} to revise the report as asked and resubmit it by ${due} (${left}).`;
      }
      return zh(locale) ? `现在由${who}撰写并提交报告，截止 ${due}（${left}）。` : `Waiting for ${who} to write and submit the report by ${due} (${left}).`;
    case 'review': {
      const reviewer = step.role === 'reviewer';
      if (zh(locale)) return `现在由${me ? '' : reviewer ? '审阅人' : '党组领导'}${who}审阅${due ? `，应于 ${due} 前完成（${left}）` : ''}。`;
      return `Waiting for ${me ? '' : reviewer ? 'the reviewer, ' : 'leadership: '}${who}${me ? '' : ','} to review the report${due ? ` by ${due} (${left})` : ''}.`;
    }
    case 'approval':
      return zh(locale)
        ? `现在由${me ? '' : '党组领导'}${who}审批并评定等次。`
        : `Waiting for ${me ? 'you' : `leadership (${who})`} to approve and rate the report.`;
    case 'done':
      return doneSentence(report.state, report.rating, locale);
  }
}

// Said alike to the secretary, the reviewer and leadership: of the branch, not to it.
function doneSentence(state: string, rating: string | null, locale: Locale): string {
  switch (state) {
    case 'approved':
      return zh(locale)
        ? `该支部的述职已完成（评价：${rating ?? '—'}），此报告无需再办理。`
        : `This branch's report is done (rated ${rating ?? '—'}); nothing more is asked.`;
    case 'exempted':
      return zh(locale) ? '该支部免于述职，此报告无需再办理。' : 'This branch is exempted; nothing more is asked.';
    case 'withdrawn':
      return zh(locale) ? '该支部的述职任务已撤销，此报告无需再办理。' : "This branch's report was withdrawn; nothing more is asked.";
    default:
      return zh(locale) ? '述职季度已结束，本报告不再办理。' : 'The season is closed; nothing more is done with this report.';
  }
}

/** What an act did, in a sentence, then who acts now: shown once after the act. */
export function doneSentenceFor(act: DoneAct, view: ReportView, viewerEmail: string, locale: Locale): string | undefined {
  const { report, guide } = view;
  const expected = STATE_AFTER[act];
  if (expected && report.state !== expected) return undefined;
  const secretary = nameText(guide.nameOf, report.secretaryEmail, locale);
  const tz = report.season.timeZone;
  const step = nextStepOf(view);
  const what: Record<DoneAct, [string, string]> = {
    submitted: ['报告已提交。', 'The report is submitted.'],
    revision_requested: [`已退回修改，${secretary}会收到邮件通知。`, `Sent back for revision; ${secretary} is told by mail.`],
    passed: ['已审阅通过。', 'Review passed.'],
    approved: [
      `已批准，评价为“${report.rating ?? '—'}”，${secretary}会收到邮件通知。`,
      `Approved and rated ${report.rating ?? '—'}; ${secretary} is told by mail.`,
    ],
    extended: [
      `截止日期已延至 ${dateIn(step.step === 'writing' && step.dueAt ? step.dueAt : report.dueAt, tz)}，${secretary}会收到邮件通知。`,
      `The due date is now ${dateIn(step.step === 'writing' && step.dueAt ? step.dueAt : report.dueAt, tz)}; ${secretary} is told by mail.`,
    ],
    reassigned: [`书记已更换为${secretary}，述职任务邮件已发给其本人。`, `The secretary is now ${secretary}, who is sent the assignment by mail.`],
    reminded: reminded(view, locale),
    exempted: ['已免于述职。', 'The branch is exempted.'],
    withdrawn: ['已撤销该支部的述职任务。', "The branch's report is withdrawn."],
    feedback: [`点评已记录，整改事项已下达给${secretary}。`, `The feedback is recorded; ${secretary} is given the rectification items.`],
  };
  const [zhText, enText] = what[act];
  // 点评 comes after the report is done, which the page says already: only what was done here.
  if (act === 'feedback') return zh(locale) ? zhText : enText;
  return `${zh(locale) ? zhText : enText}${nowSentence(view, viewerEmail, locale)}`;
}

/** A reminder goes to whoever has the report: the reviewer while it waits for review, else the secretary. */
function reminded(view: ReportView, locale: Locale): [string, string] {
  const { report, guide } = view;
  const to = report.state === 'submitted' && report.reviewerEmail ? report.reviewerEmail : report.secretaryEmail;
  const name = nameText(guide.nameOf, to, locale);
  return [`提醒邮件已发给${name}。`, `A reminder is on its way to ${name}.`];
}
