// The review queue's bulk approval, as the leader sees it: the rows to tick and rate, the
// confirmation naming each branch with the rating it will get, and what happened to each. On a
// phone the queue's rows become cards (style.css, table.queue), so every rating stays in sight.
import type { ApprovalOutcome, ApprovalResult } from '../../app/bulk-approve';
import { RATINGS, type Locale } from '../../domain/vocabulary';
import { RATING_FOR_ALL, rowRatingField, type PlannedReport } from '../bulk-plan';
import { dateIn, reportHref, stateBadge } from '../format';
import { html, type Html } from '../html';
import { csrfField, type PageContext } from '../layout';

export interface QueueRow {
  id: string;
  branchId: string;
  state: string;
  dueAt: Date;
  rating: string | null;
  seasonBranch: { name: string };
  season: { title: string; timeZone: string };
}

const ratingOptions = (t: PageContext['t']) => html`<option value="">${t('chooseRating')}</option>${RATINGS.map((r) => html`<option>${r}</option>`)}`;

/** The queue's rows; a report not yet rated gets a rating of its own to choose. */
/** The queue's rows; with `approving`, a box to tick and a rating to choose on each (leadership only). */
export function queueTable(ctx: PageContext, reports: QueueRow[], approving = true): Html {
  const { t } = ctx;
  const pick = (r: QueueRow) =>
    approving
      ? html`<td class="pick"><input type="checkbox" name="reportId" value="${r.id}" aria-label="${t('selectReport')}：${r.seasonBranch.name}" data-testid="select-${r.branchId}"></td>`
      : '';
  const rating = (r: QueueRow) =>
    r.rating ??
    (approving
      ? html`<select name="${rowRatingField(r.id)}" aria-label="${r.seasonBranch.name}：${t('rating')}" data-testid="rating-${r.branchId}">${ratingOptions(t)}</select>`
      : '');
  return html`<table class="queue"><thead><tr>
      ${approving ? html`<th><label class="pick-all"><input type="checkbox" data-select-all data-testid="select-all"> ${t('selectAll')}</label></th>` : ''}
      <th>${t('branch')}</th><th>${t('state')}</th><th>${t('dueDate')}</th><th>${t('rating')}</th></tr></thead>
    <tbody>${reports.map(
      (r) => html`<tr data-report="${r.id}">
        ${pick(r)}
        <td class="name"><a href="${reportHref(r.id)}">${r.seasonBranch.name}</a><div class="muted">${r.season.title}</div></td>
        <td data-label="${t('state')}">${stateBadge(r.state, ctx.locale)}</td>
        <td data-label="${t('dueDate')}">${dateIn(r.dueAt, r.season.timeZone)}</td>
        <td data-label="${t('rating')}">${rating(r)}</td>
      </tr>`,
    )}</tbody></table>`;
}

/** Below the rows: the rating for every row left without one (none chosen in advance), and the comment. */
export function bulkFields(ctx: PageContext): Html {
  const { t } = ctx;
  return html`<fieldset class="bulk"><legend>${t('oneRatingForAll')}</legend>
      <label>${t('ratingForAllHelp')} <select name="${RATING_FOR_ALL}" data-testid="rating-all">${ratingOptions(t)}</select></label>
    </fieldset>
    <label>${t('comment')} <input name="comment"></label>`;
}

/**
 * The confirmation: each branch by name with the rating it will get. A report without a rating is
 * refused here in words, with a rating to choose on its row; the leader confirms once all have one.
 */
export function confirmPage(ctx: PageContext, reports: PlannedReport[], comment?: string): Html {
  const { t } = ctx;
  if (!reports.length) return html`<p class="error" role="alert" data-testid="bulk-problem">${t('bulkNothingSelected')}</p>${backToQueue(ctx)}`;
  const unrated = reports.filter((r) => !r.rating);
  const seasons = [...new Set(reports.map((r) => r.seasonTitle))];
  return html`${
    unrated.length
      ? html`<p class="error" role="alert" data-testid="bulk-problem">${t('bulkMissingRating')}${listOf(
          ctx.locale,
          unrated.map((r) => r.branchName),
        )}</p>`
      : html`<p>${t('bulkConfirmHelp')}</p>`
  }
    <form method="post" action="/queue/approve">${csrfField(ctx)}
      <input type="hidden" name="comment" value="${comment ?? ''}">
      <table class="bulk-confirm"><caption>${seasons.join('；')}</caption>
        <thead><tr><th>${t('branch')}</th><th>${t('rating')}</th></tr></thead><tbody>
        ${reports.map(
          (r) => html`<tr data-testid="confirm-row"><td>${r.branchName}<input type="hidden" name="reportId" value="${r.reportId}"></td>
            <td>${
              r.rating
                ? html`${r.rating}<input type="hidden" name="${rowRatingField(r.reportId)}" value="${r.rating}">`
                : html`<select name="${rowRatingField(r.reportId)}" aria-label="${r.branchName}：${t('rating')}" data-testid="confirm-rating-${r.branchId}">${ratingOptions(t)}</select>`
            }</td></tr>`,
        )}</tbody></table>
      ${comment ? html`<p>${t('comment')}：${comment}</p>` : ''}
      <button class="primary" data-testid="confirm">${t('confirmBulk')}（${reports.length}）</button>
    </form>
    ${backToQueue(ctx)}`;
}

/** What happened to each report, by branch name, in words. */
export function resultsTable(ctx: PageContext, results: ApprovalResult[], names: Map<string, string>): Html {
  const { t } = ctx;
  return html`<table data-testid="results"><thead><tr><th>${t('branch')}</th><th>${t('results')}</th><th>${t('reason')}</th></tr></thead><tbody>
    ${results.map(
      (r) =>
        html`<tr data-outcome="${r.outcome}"><td><a href="${reportHref(r.reportId)}">${names.get(r.reportId) ?? r.reportId}</a></td>
          <td>${t(OUTCOME_WORDS[r.outcome])}</td><td>${r.reason?.[ctx.locale] ?? ''}</td></tr>`,
    )}</tbody></table>${backToQueue(ctx)}`;
}

const OUTCOME_WORDS = {
  approved: 'bulkOutcome_approved',
  skipped: 'bulkOutcome_skipped',
  not_permitted: 'bulkOutcome_not_permitted',
  failed: 'bulkOutcome_failed',
} as const satisfies Record<ApprovalOutcome, string>;

const backToQueue = (ctx: PageContext) => html`<p><a href="/queue">← ${ctx.t('reviewQueue')}</a></p>`;

const listOf = (locale: Locale, names: string[]) => names.join(locale === 'en' ? ', ' : '、');
