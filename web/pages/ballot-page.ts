// A 民主测评 ballot, made for a phone: every reporter with the four grades, one button. The page
// names no evaluator; the token in its address is the ballot.
import type { BallotView } from '../../app/evaluation-meeting';
import { BALLOT_REFUSALS } from '../../domain/evaluation';
import { RATINGS } from '../../domain/vocabulary';
import { dateIn } from '../format';
import { html, type Html } from '../html';
import type { PageContext } from '../layout';

/** `again`: the ballot asked for again, with why and what was chosen kept. */
export function ballotPage(
  ctx: PageContext,
  ballot: BallotView,
  token: string,
  timeZone: string,
  again: { message?: string; sent?: Record<string, string> } = {},
): Html {
  const { message, sent = {} } = again;
  const { t } = ctx;
  if (ballot.refused) return ballotRefusedPage(ctx, BALLOT_REFUSALS[ballot.refused][ctx.locale]);
  const colon = ctx.locale === 'zh-CN' ? '：' : ':';
  return html`
    <p class="muted">${ballot.title}</p>
    <p>${t('ballotGroup')}${colon} ${ballot.groupName} · ${t('ballotClosesAt')}${colon} ${dateIn(ballot.closesAt, timeZone)}${ctx.locale === 'zh-CN' ? `（${timeZone}）` : ` (${timeZone})`}</p>
    <p>${t('ballotIntro')}</p>
    ${message ? html`<p class="error" role="alert" data-testid="message">${message}</p>` : ''}
    <form method="post" action="/ballot/${token}" class="ballot" data-testid="ballot">
      ${ballot.reporters.map(
        (reporter, i) => html`<fieldset data-reporter="${reporter.reportId}">
          <legend>${i + 1}. ${reporter.branchName}</legend>
          ${RATINGS.map(
            (grade) =>
              html`<label class="grade"><input type="radio" name="grade:${reporter.reportId}" value="${grade}" required
                ${sent[`grade:${reporter.reportId}`] === grade ? 'checked' : ''}> ${t(`grade_${grade}`)}</label>`,
          )}
          ${ballot.dimensions.map(
            (d) =>
              html`<label class="score">${d.name}（0–${d.max}）<input type="number" inputmode="numeric" name="score:${reporter.reportId}:${d.id}" min="0" max="${d.max}" step="1"
                value="${sent[`score:${reporter.reportId}:${d.id}`] ?? ''}"></label>`,
          )}
        </fieldset>`,
      )}
      <button class="primary" data-testid="cast">${t('castBallot')}</button>
    </form>`;
}

export function ballotRefusedPage(ctx: PageContext, reason: string): Html {
  return html`<p class="error" role="alert" data-testid="message">${reason}</p>`;
}

export function ballotCastPage(ctx: PageContext): Html {
  return html`<p class="notice" role="status" data-testid="message">${ctx.t('ballotCastThanks')}</p>`;
}
