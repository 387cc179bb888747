// The frame around every page: header with the person, navigation and the language switch.
import type { Locale } from '../domain/vocabulary';
import { html, type Html } from './html';
import type { Translate } from './i18n';

export interface PageContext {
  locale: Locale;
  t: Translate;
  /** Signed-in person, if any. */
  viewer?: { email: string; name: string; csrfToken: string; /** Offered the review queue. */ reviews?: boolean };
  /** Show the demo mailbox link (embedded stack only). */
  mailbox: boolean;
  path: string;
}

export function page(ctx: PageContext, title: string, body: Html): string {
  const { t, viewer } = ctx;
  const other: Locale = ctx.locale === 'zh-CN' ? 'en' : 'zh-CN';
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${viewer ? html`<meta name="csrf-token" content="${viewer.csrfToken}">` : ''}
<title>${title} · ${t('appName')}</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/icon.svg" type="image/svg+xml">
</head>
<body>
<header>
  <a class="brand" href="/">${t('appName')}</a>
  <nav>
    ${viewer ? html`<a href="/">${t('home')}</a>` : ''} ${viewer?.reviews ? html`<a href="/queue" data-testid="nav-queue">${t('reviewQueue')}</a>` : ''}
    ${viewer ? html`<a href="/tokens" data-testid="nav-tokens">${t('apiTokens')}</a>` : ''}
    ${ctx.mailbox ? html`<a href="/mailbox">${t('mailbox')}</a>` : ''}
    <a href="/lang/${other}?back=${encodeURIComponent(ctx.path)}" data-testid="language">${other === 'en' ? 'English' : '中文'}</a>
    ${
      viewer
        ? html`<span class="who">${viewer.name}</span>
        <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${viewer.csrfToken}"><button>${t('signOut')}</button></form>`
        : ''
    }
  </nav>
</header>
<main>
<h1>${title}</h1>
${body}
</main>
<script src="/static/app.js" defer></script>
</body>
</html>`.value;
}

/** A hidden field carrying the session's CSRF token, for every form that changes something. */
export const csrfField = (ctx: PageContext) => html`<input type="hidden" name="_csrf" value="${ctx.viewer?.csrfToken ?? ''}">`;
