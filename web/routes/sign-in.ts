// Sign-in by mailed link, a page to ask for a fresh link, sign-out and the language switch.
import type { FastifyInstance } from 'fastify';
import { SignInRefused } from '../../db/sign-in-links';
import { LOCALES } from '../../domain/vocabulary';
import { renderMail } from '../../mail/templates';
import { setCookie } from '../cookies';
import { html } from '../html';
import type { PageContext } from '../layout';
import { closeSession, openSession, SESSION_COOKIE, sessionMaxAgeSeconds } from '../sessions';
import { contextOf, LANG_COOKIE, sendPage, type WebDeps } from '../context';

/** Only paths on this site: `next` must never send a signed-in person elsewhere. */
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?!\/)/.test(next) && !next.includes('\\') ? next : '/');

export async function signInRoutes(app: FastifyInstance, deps: WebDeps) {
  const secure = new URL(deps.publicBaseUrl).protocol === 'https:';

  app.get<{ Params: { token: string }; Querystring: { next?: string } }>('/signin/:token', async (request, reply) => {
    try {
      const email = await deps.signInLinks.redeem(request.params.token);
      const session = await openSession(deps.db, email);
      setCookie(reply, SESSION_COOKIE, session.id, { secure, maxAge: sessionMaxAgeSeconds });
      return reply.redirect(safeNext(request.query.next));
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      const ctx = contextOf(request, deps);
      return sendPage(reply, ctx, ctx.t('signInTitle'), signInForm(ctx, ctx.t(`linkRefused_${error.reason}`), request.query.next), 403);
    }
  });

  app.get<{ Querystring: { next?: string } }>('/login', async (request, reply) => {
    const ctx = contextOf(request, deps);
    return sendPage(reply, ctx, ctx.t('signInTitle'), signInForm(ctx, undefined, request.query.next));
  });

  app.post<{ Body: { email?: string; next?: string } }>('/login', async (request, reply) => {
    const ctx = contextOf(request, deps);
    const email = String(request.body?.email ?? '')
      .trim()
      .toLowerCase();
    const person = email ? await deps.db.person.findUnique({ where: { email } }) : null;
    // The same answer whether or not the address is known, so the form reveals nobody.
    if (person) {
      const token = await deps.signInLinks.issue(email);
      const link = new URL(`/signin/${token}?next=${encodeURIComponent(safeNext(request.body?.next))}`, deps.publicBaseUrl).toString();
      const locale = person.locale === 'en' ? 'en' : 'zh-CN';
      const mail = renderMail('sign_in', locale, { recipientName: person.name, link, validFor: locale === 'en' ? 'a few days' : '数日' });
      await deps.mailer.send({ to: email, messageId: `<signin-${token.slice(0, 16)}@shuzhi>`, ...mail });
    }
    return sendPage(reply, ctx, ctx.t('signInTitle'), html`<p class="notice" data-testid="link-sent">${ctx.t('linkSent')}</p>`);
  });

  app.post('/logout', async (request, reply) => {
    if (request.viewer) await closeSession(deps.db, request.viewer.id);
    setCookie(reply, SESSION_COOKIE, '', { secure, maxAge: 0 });
    return reply.redirect('/login');
  });

  app.get<{ Params: { locale: string }; Querystring: { back?: string } }>('/lang/:locale', async (request, reply) => {
    if ((LOCALES as readonly string[]).includes(request.params.locale)) {
      setCookie(reply, LANG_COOKIE, request.params.locale, { secure, maxAge: 365 * 86_400 });
    }
    return reply.redirect(safeNext(request.query.back));
  });
}

function signInForm(ctx: PageContext, problem?: string, next?: string) {
  return html`
    ${problem ? html`<p class="error" data-testid="sign-in-problem">${problem}</p>` : ''}
    <p>${ctx.t('signInHelp')}</p>
    <form method="post" action="/login">
      <input type="hidden" name="_csrf" value="${ctx.viewer?.csrfToken ?? ''}">
      <input type="hidden" name="next" value="${next ?? '/'}">
      <label>${ctx.t('email')} <input type="email" name="email" required></label>
      <button>${ctx.t('sendLink')}</button>
    </form>`;
}
