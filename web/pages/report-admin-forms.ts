// The season admin's forms on a report, while it is not settled: extend, hand it to a new
// secretary, remind now, exempt or withdraw it (those two confirm first, see confirm-page.ts).
// Every field is labelled in the page's language; the server checks each again.
import { html, type Html } from '../html';
import { csrfField, type PageContext } from '../layout';
import { reportHref } from '../format';
import type { ReportView } from '../report-view';
import type { Confirmation } from './confirm-page';
import { REVIEW_STATES, WRITING_STATES, type ReportState } from '../../domain/vocabulary';

/** A reminder goes to whoever has something to do: the secretary writing, the reviewer reviewing. */
const REMINDABLE: readonly ReportState[] = [...WRITING_STATES, ...REVIEW_STATES];

export function adminForms(ctx: PageContext, view: ReportView) {
  const { t } = ctx;
  const action = `${reportHref(view.report.id)}/admin`;
  const form = (name: string, label: string, fields: Html | string = '') =>
    html`<form method="post" action="${action}" class="inline">${csrfField(ctx)}<input type="hidden" name="action" value="${name}">${fields}<button data-testid="admin-${name}">${label}</button></form>`;
  return html`<section class="admin" data-testid="admin-forms"><h2>${t('adminActions')}</h2>
    ${form('extend', t('extend'), html`<label>${t('extendUntil')} <input type="date" name="until" required data-testid="extend-until"></label>`)}
    ${form(
      'reassign',
      t('reassign'),
      html`<label>${t('newSecretaryEmail')} <input type="email" name="toEmail" required placeholder="${t('emailPlaceholder')}" data-testid="reassign-email"></label>
        <label>${t('newSecretaryName')} <input name="toName" placeholder="${t('namePlaceholder')}" data-testid="reassign-name"></label>`,
    )}
    ${REMINDABLE.includes(view.report.state as ReportState) ? form('remind', t('remindNow')) : ''}
    ${form('exempt', t('exempt'), html`<label>${t('reason')} <input name="reason" required placeholder="${t('exemptReasonPlaceholder')}" data-testid="exempt-reason"></label>`)}
    ${form('withdraw', t('withdraw'), html`<label>${t('reason')} <input name="reason" required placeholder="${t('withdrawReasonPlaceholder')}" data-testid="withdraw-reason"></label>`)}
  </section>`;
}

/** The confirmation step before exempting or withdrawing a branch's report: what it means, and that it stays. */
export function settleConfirmation(
  ctx: PageContext,
  report: { id: string; branchName: string },
  kind: 'exempted' | 'withdrawn',
  reason: string,
): { title: string; confirm: Confirmation } {
  const zh = ctx.locale === 'zh-CN';
  const exempt = kind === 'exempted';
  const act = zh
    ? exempt
      ? `将“${report.branchName}”免于述职`
      : `撤销“${report.branchName}”本季度的述职任务`
    : exempt
      ? `Exempt ${report.branchName}`
      : `Withdraw the report of ${report.branchName}`;
  const text = zh
    ? `${act}（理由：${reason}）。此后不再要求该支部撰写、审阅和审批述职报告，提醒也随之停止。此操作记入台账，不能撤回。`
    : `${act} (reason: ${reason}). The branch is then asked for nothing more this season and its reminders stop. This is recorded and cannot be undone.`;
  const button = zh ? (exempt ? '确认免于述职' : '确认撤销述职任务') : exempt ? 'Exempt the branch' : 'Withdraw the report';
  return {
    title: button,
    confirm: {
      action: `${reportHref(report.id)}/admin`,
      fields: { action: exempt ? 'exempt' : 'withdraw', reason },
      text,
      button,
      back: reportHref(report.id),
    },
  };
}
