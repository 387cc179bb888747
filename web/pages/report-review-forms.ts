// The review forms on a report, offered only as far as the workflow's rules would accept them
// (app/report-permissions.ts): send back, pass the review, or approve with a rating (and, where the
// season allows approving unreviewed, a reason). A reviewer who passed a report sees none of them.
import type { AllowedActs } from '../../app/report-permissions';
import { RATINGS } from '../../domain/vocabulary';
import { html } from '../html';
import { csrfField, type PageContext } from '../layout';
import { reportHref } from '../format';
import type { ReportView } from '../report-view';

export function reviewForms(ctx: PageContext, view: ReportView, acts: AllowedActs) {
  if (!acts.requestRevision && !acts.review) return '';
  const action = `${reportHref(view.report.id)}/review`;
  return html`
    <section class="review" data-testid="review-forms">
      ${
        acts.requestRevision
          ? html`<form method="post" action="${action}">
        ${csrfField(ctx)}
        <input type="hidden" name="decision" value="request_revision">
        <label>${ctx.t('revisionComment')}<textarea name="comment" rows="3" required data-testid="revision-comment"></textarea></label>
        <button data-testid="request-revision">${ctx.t('requestRevision')}</button>
      </form>`
          : ''
      }
      ${acts.review ? approveForm(ctx, action, acts.review) : ''}
    </section>`;
}

function approveForm(ctx: PageContext, action: string, review: NonNullable<AllowedActs['review']>) {
  const rating =
    review === 'pass'
      ? ''
      : html`<label>${ctx.t('rating')} <select name="rating" required data-testid="rating"><option value="">${ctx.t('chooseRating')}</option>${RATINGS.map(
          (r) => html`<option>${r}</option>`,
        )}</select></label>`;
  return html`<form method="post" action="${action}">
    ${csrfField(ctx)}
    <input type="hidden" name="decision" value="approve">
    ${rating}
    <label>${ctx.t('comment')}<input name="comment" data-testid="approve-comment"></label>
    ${review === 'approve_unreviewed' ? html`<label>${ctx.t('unreviewedReason')}<input name="reason" required data-testid="unreviewed-reason"></label>` : ''}
    <button data-testid="approve">${review === 'pass' ? ctx.t('passReview') : ctx.t('approve')}</button>
  </form>`;
}
