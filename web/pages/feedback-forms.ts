// 点评与整改 on an approved report: leadership's 点评 and the problems it names, each a rectification
// item with its state and link; for a leader while none is given, the form to give it (a comment,
// up to five problems, each with its own due date and measure if not the season's and the report's).
import { RECTIFICATION_STATE_NAMES, type RectificationState } from '../../domain/rectification';
import { dateIn } from '../format';
import { html } from '../html';
import { csrfField, type PageContext } from '../layout';
import { keptFormAttributes, signInAgainDialog } from './editor-safety';

export interface FeedbackView {
  feedback?: { comment: string; by: string; at: string };
  items: { id: string; number: number; problem: string; measure: string; dueAt: Date; state: string }[];
  /** The viewer may give the 点评 (a leader, on an approved report without one). */
  mayGive: boolean;
  /** The report page's address; the form posts to …/feedback under it. */
  reportPath: string;
  timeZone: string;
}

const PROBLEM_ROWS = 5;

export function feedbackSection(ctx: PageContext, view: FeedbackView) {
  const { t } = ctx;
  if (!view.feedback && !view.mayGive) return '';
  return html`<section class="feedback" data-testid="feedback">
    <h2>${t('feedbackTitle')}</h2>
    ${view.feedback ? html`<p data-testid="feedback-comment">${view.feedback.comment}</p>` : ''}
    ${view.items.length ? itemList(ctx, view) : ''}
    ${!view.feedback && view.mayGive ? feedbackForm(ctx, view) : ''}
  </section>`;
}

function itemList(ctx: PageContext, view: FeedbackView) {
  const { t } = ctx;
  return html`<table data-testid="rectification-items"><thead><tr><th>#</th><th>${t('problem')}</th><th>${t('measure')}</th><th>${t('dueDate')}</th><th>${t('state')}</th></tr></thead><tbody>
    ${view.items.map(
      (
        item,
      ) => html`<tr data-item="${item.id}"><td>${item.number}</td><td><a href="/rectifications/${encodeURIComponent(item.id)}">${item.problem}</a></td><td>${item.measure || '—'}</td>
        <td>${dateIn(item.dueAt, view.timeZone)}</td><td>${RECTIFICATION_STATE_NAMES[item.state as RectificationState]?.[ctx.locale] ?? item.state}</td></tr>`,
    )}</tbody></table>`;
}

function feedbackForm(ctx: PageContext, view: FeedbackView) {
  const { t } = ctx;
  return html`${signInAgainDialog(ctx, view.reportPath)}<form method="post" action="${view.reportPath}/feedback" data-testid="feedback-form"
    ${keptFormAttributes(ctx, `feedback:${view.reportPath}`)}>
    ${csrfField(ctx)}
    <label>${t('feedbackComment')}<textarea name="comment" rows="4" required maxlength="5000" data-testid="feedback-text"></textarea></label>
    <p class="muted">${t('problemsHelp')}</p>
    ${Array.from(
      { length: PROBLEM_ROWS },
      (_, i) => html`<fieldset class="problem"><legend>${t('problem')} ${i + 1}</legend>
        <label>${t('problem')}<input name="problem-${i}" maxlength="500" data-testid="problem-${i}"></label>
        <label>${t('dueDate')}<input type="date" name="due-${i}" data-testid="due-${i}"></label>
        <label>${t('measure')}<input name="measure-${i}" maxlength="500" data-testid="measure-${i}"></label>
      </fieldset>`,
    )}
    <button class="primary" data-testid="give-feedback">${t('giveFeedback')}</button>
  </form>`;
}

/** The problems the form filled in, in order; empty rows left out. */
export function problemsFromForm(form: Record<string, string>): { text: string; dueDate?: string; measure?: string }[] {
  return Array.from({ length: PROBLEM_ROWS }, (_, i) => ({
    text: (form[`problem-${i}`] ?? '').trim(),
    dueDate: form[`due-${i}`]?.trim() || undefined,
    measure: form[`measure-${i}`]?.trim() || undefined,
  })).filter((problem) => problem.text);
}
