// The /tokens page: a person's API tokens, the form for a new one, and the page that shows a new
// token's secret its only time.
import type { ApiTokenSummary } from '../../app/api-tokens';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from '../../app/api-tokens';
import { dateIn } from '../format';
import { html, type Html } from '../html';
import { csrfField, type PageContext } from '../layout';

// Tokens belong to no season: their dates are shown in the app's home zone.
const ZONE = 'Asia/Shanghai';

export function tokensPage(ctx: PageContext, tokens: ApiTokenSummary[], message?: string): Html {
  const { t } = ctx;
  return html`
    ${message ? html`<p class="error" role="alert" data-testid="message">${message}</p>` : ''}
    <p>${t('apiTokensIntro')}</p>
    <form method="post" action="/tokens" class="filters" data-testid="token-form">
      ${csrfField(ctx)}
      <label>${t('tokenName')} <input name="name" required maxlength="100"></label>
      <label>${t('tokenDays')} <input name="days" type="number" min="1" max="${MAX_TOKEN_DAYS}" value="${DEFAULT_TOKEN_DAYS}" required></label>
      <button class="primary">${t('createToken')}</button>
    </form>
    ${
      tokens.length
        ? html`<table data-testid="tokens"><thead><tr><th>${t('tokenName')}</th><th>${t('tokenCreated')}</th><th>${t('tokenExpires')}</th><th>${t('tokenLastUsed')}</th><th>${t('tokenRevoked')}</th><th></th></tr></thead><tbody>
          ${tokens.map(
            (k) => html`<tr data-token="${k.id}"><td>${k.name}</td><td>${dateIn(k.createdAt, ZONE)}</td><td>${dateIn(k.expiresAt, ZONE)}</td>
              <td>${dateIn(k.lastUsedAt, ZONE)}</td><td>${dateIn(k.revokedAt, ZONE)}</td>
              <td>${k.revokedAt ? '' : html`<form method="post" action="/tokens/${k.id}/revoke" class="inline">${csrfField(ctx)}<button data-testid="revoke">${t('revokeToken')}</button></form>`}</td></tr>`,
          )}</tbody></table>`
        : html`<p class="muted">${t('noTokens')}</p>`
    }`;
}

export function newTokenPage(ctx: PageContext, token: string, summary: ApiTokenSummary): Html {
  const { t } = ctx;
  return html`
    <p class="error" role="alert">${t('tokenShownOnce')}</p>
    <p>${summary.name} · ${t('tokenExpires')}: ${dateIn(summary.expiresAt, ZONE)}</p>
    <p><code data-testid="new-token">${token}</code></p>
    <p><a href="/tokens">${t('backToTokens')}</a></p>`;
}
