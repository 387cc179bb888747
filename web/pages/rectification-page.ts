// One rectification item (整改事项): the problem, the measure, the due date and state; its progress
// reports with their evidence; for its owner while it is open, the progress form (text and files);
// for a reviewer while progress waits, accept (销号) or send back.
import type { ItemVerdict } from '../../app/rectification';
import { RECTIFICATION_STATE_NAMES, type EvidenceRef, type RectificationState } from '../../domain/rectification';
import { colon, dateIn, reportHref } from '../format';
import { html } from '../html';
import { csrfField, type PageContext } from '../layout';
import { keptFormAttributes, signInAgainDialog } from './editor-safety';
import { person, type NameOf } from '../people';

export interface RectificationView {
  id: string;
  reportId: string;
  branchName: string;
  problem: string;
  measure: string;
  dueAt: Date;
  state: RectificationState;
  ownerName: string;
  timeZone: string;
  progress: { authorEmail: string; text: string; evidence: EvidenceRef[]; at: Date }[];
  /** Each acceptance or sending back, with what the reviewer said. */
  verdicts: ItemVerdict[];
  /** The reviewers' names, as the season knows them. */
  nameOf: NameOf;
  mayReport: boolean;
  mayDecide: boolean;
  message?: { kind: 'error' | 'notice'; text: string };
}

export function rectificationPage(ctx: PageContext, item: RectificationView) {
  const { t } = ctx;
  const base = `/rectifications/${encodeURIComponent(item.id)}`;
  const overdue = item.state !== 'accepted' && item.dueAt < new Date();
  return html`
    ${item.message ? html`<p class="${item.message.kind}" role="status" data-testid="message">${item.message.text}</p>` : ''}
    <p class="facts"><span data-testid="item-state">${RECTIFICATION_STATE_NAMES[item.state][ctx.locale]}</span>
      <span>${t('branch')}: <a href="${reportHref(item.reportId)}">${item.branchName}</a></span>
      <span>${t('owner')}: ${item.ownerName}</span>
      <span class="${overdue ? 'error' : ''}">${t('dueDate')}: ${dateIn(item.dueAt, item.timeZone)}</span></p>
    <dl class="item"><dt>${t('problem')}</dt><dd data-testid="item-problem">${item.problem}</dd><dt>${t('measure')}</dt><dd>${item.measure || '—'}</dd></dl>
    ${item.progress.length || item.verdicts.length ? progressList(ctx, item) : ''}
    ${item.mayReport || item.mayDecide ? signInAgainDialog(ctx, base) : ''}
    ${
      item.mayReport
        ? html`<form method="post" action="${base}/progress" enctype="multipart/form-data" data-testid="progress-form"
      ${keptFormAttributes(ctx, `progress:${item.id}`)}>
      ${csrfField(ctx)}
      <label>${t('progressText')}<textarea name="text" rows="5" maxlength="5000" data-testid="progress-text"></textarea></label>
      <label>${t('evidenceFiles')} <input type="file" name="evidence" multiple data-testid="evidence"></label>
      <button class="primary" data-testid="report-progress">${t('reportProgress')}</button>
    </form>`
        : ''
    }
    ${
      item.mayDecide
        ? html`<form method="post" action="${base}/verdict" data-testid="verdict-form" ${keptFormAttributes(ctx, `verdict:${item.id}`)}>
      ${csrfField(ctx)}
      <label>${t('verdictComment')}<textarea name="comment" rows="3" maxlength="2000" data-testid="verdict-comment"></textarea></label>
      <div class="buttons"><button name="decision" value="accept" class="primary" data-testid="accept-item">${t('acceptItem')}</button>
      <button name="decision" value="send_back" data-testid="send-back-item">${t('sendBackItem')}</button></div>
    </form>`
        : ''
    }`;
}

/** The owner's progress reports and the reviewers' verdicts, in the order they came. */
function progressList(ctx: PageContext, item: RectificationView) {
  const entries = [
    ...item.progress.map((p) => ({ at: p.at, shown: progressEntry(item, p) })),
    ...item.verdicts.map((v) => ({ at: v.at, shown: verdictEntry(ctx, item, v) })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return html`<h2>${ctx.t('progressHistory')}</h2><ol class="progress" data-testid="progress">${entries.map((e) => e.shown)}</ol>`;
}

function progressEntry(item: RectificationView, p: RectificationView['progress'][number]) {
  return html`<li>${dateIn(p.at, item.timeZone)} · <span class="comment-body">${p.text}</span>
      ${p.evidence.length ? html`<ul>${p.evidence.map((file) => html`<li><a href="/evidence/${file.hash}?name=${encodeURIComponent(file.name)}" data-testid="evidence-link">${file.name}</a> (${Math.ceil(file.bytes / 1024)} KB)</li>`)}</ul>` : ''}</li>`;
}

function verdictEntry(ctx: PageContext, item: RectificationView, v: ItemVerdict) {
  const said = v.decision === 'accepted' ? ctx.t('itemAccepted') : ctx.t('itemSentBack');
  return html`<li class="verdict" data-testid="verdict" data-decision="${v.decision}">${dateIn(v.at, item.timeZone)} · <strong>${said}</strong>
    (${person(item.nameOf, v.by, ctx.locale)})${v.comment ? html`${colon(ctx.locale)}<span class="comment-body">${v.comment}</span>` : ''}</li>`;
}
