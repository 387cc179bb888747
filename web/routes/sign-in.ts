// Sign-in by mailed link, a page to ask for a fresh link, sign-out and the language switch.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SignInRefused } from '../../db/sign-in-links';
import { LOCALES, type Locale } from '../../domain/vocabulary';
import { renderMail } from '../../mail/templates';
import { readCookie, setCookie } from '../cookies';
import { html } from '../html';
import { csrfField, type PageContext } from '../layout';
import { closeSession, DEFAULT_SESSION_TTL_MS, openSession, SESSION_COOKIE } from '../sessions';
import { contextOf, LANG_COOKIE, sendPage, type WebDeps } from '../context';
import { localPath } from '../local-path';
import { wantsJson } from '../signed-out';

export async function signInRoutes(app: FastifyInstance, deps: WebDeps) {
  const secure = new URL(deps.publicBaseUrl).protocol === 'https:';

  const ttlMs = deps.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  type LinkRequest = FastifyRequest<{ Params: { token: string }; Querystring: { next?: string } }>;

  /** A refused link leads to the form that mails a fresh one, keeping where the person was going. */
  const refused = (request: LinkRequest, reply: FastifyReply, error: unknown) => {
    if (!(error instanceof SignInRefused)) throw error;
    const ctx = contextOf(request, deps);
    return sendPage(reply, ctx, ctx.t('signInTitle'), signInForm(ctx, ctx.t(`linkRefused_${error.reason}`), request.query.next), 403);
  };

  // Opening a link (GET, and the HEAD Fastify answers from it) changes nothing: mail gateways
  // open links to check them, and would use them up. The page's one button is what signs in.
  app.get<{ Params: { token: string }; Querystring: { next?: string } }>('/signin/:token', async (request, reply) => {
    let email: string;
    try {
      email = await deps.signInLinks.check(request.params.token);
    } catch (error) {
      return refused(request, reply, error);
    }
    // Nobody is signed in yet: the page speaks the language of the person the link was mailed to.
    if (!readCookie(request, LANG_COOKIE)) {
      const person = await deps.db.person.findUnique({ where: { email }, select: { locale: true } });
      if (person?.locale && (LOCALES as readonly string[]).includes(person.locale)) request.locale = person.locale as Locale;
    }
    const ctx = contextOf(request, deps);
    // The token is in this page's address: no other site is told it (same-origin, not no-referrer,
    // which would make the button's post come from origin "null" and be refused).
    void reply.header('referrer-policy', 'same-origin').header('cache-control', 'no-store');
    return sendPage(reply, ctx, ctx.t('continueSignInTitle'), continueForm(ctx, request.params.token, request.query.next));
  });

  app.post<{ Params: { token: string }; Querystring: { next?: string }; Body: { next?: string } }>('/signin/:token', async (request, reply) => {
    try {
      const email = await deps.signInLinks.redeem(request.params.token);
      const session = await openSession(deps.db, email, new Date(), ttlMs);
      setCookie(reply, SESSION_COOKIE, session.id, { secure, maxAge: Math.floor(ttlMs / 1000) });
      return reply.redirect(localPath(request.body?.next ?? request.query.next), 303);
    } catch (error) {
      return refused(request, reply, error);
    }
  });

  app.get<{ Querystring: { next?: string } }>('/login', async (request, reply) => {
    const ctx = contextOf(request, deps);
    return sendPage(reply, ctx, ctx.t('signInTitle'), signInForm(ctx, undefined, request.query.next));
  });

  // Asking for a link answers at once and the same for every address, known or not, in the same
  // time: the person is looked up and mailed after the answer. Per client and per address, a
  // few asks a quarter of an hour; a new link retires the person's older unused ones.
  await app.register(rateLimit, { global: false });
  const limits = [
    app.createRateLimit({ max: LINK_ASKS_PER_CLIENT, timeWindow: LINK_ASK_WINDOW }),
    app.createRateLimit({ max: LINK_ASKS_PER_ADDRESS, timeWindow: LINK_ASK_WINDOW, keyGenerator: (request) => `address:${emailOf(request)}` }),
  ];
  // Both limits count every ask (the plugin's own hook runs only one limit per request).
  const withinLimits = async (request: FastifyRequest) => {
    const counted = await Promise.all(limits.map((limit) => limit(request)));
    if (counted.some((count) => !count.isAllowed && count.isExceeded)) throw Object.assign(new Error('too many sign-in link asks'), { statusCode: 429 });
  };
  app.post<{ Body: { email?: string; next?: string } }>('/login', { preHandler: withinLimits }, async (request, reply) => {
    const ctx = contextOf(request, deps);
    const email = emailOf(request);
    if (email) {
      void mailSignInLink(deps, email, localPath(request.body?.next)).catch((error: unknown) =>
        console.error(`web: a sign-in link for ${email} was not sent: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    // The editor's sign-in-again dialog asks by script and reads the answer (web/public/app.js).
    if (wantsJson(request)) return { sent: true, message: ctx.t('linkSent') };
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
    return reply.redirect(localPath(request.query.back));
  });
}

const LINK_ASK_WINDOW = 15 * 60_000;
const LINK_ASKS_PER_CLIENT = 60;
const LINK_ASKS_PER_ADDRESS = 5;

const emailOf = (request: FastifyRequest) =>
  String((request.body as { email?: unknown } | undefined)?.email ?? '')
    .trim()
    .toLowerCase();

/** Mails a person a fresh link, if the address is someone's; an unknown address gets nothing. */
async function mailSignInLink(deps: WebDeps, email: string, next: string): Promise<void> {
  const person = await deps.db.person.findUnique({ where: { email } });
  if (!person) return;
  const token = await deps.signInLinks.issue(email, { retireOlder: true });
  const link = new URL(`/signin/${token}?next=${encodeURIComponent(next)}`, deps.publicBaseUrl).toString();
  const locale = person.locale === 'en' ? 'en' : 'zh-CN';
  const mail = renderMail('sign_in', locale, { recipientName: person.name, link, validFor: locale === 'en' ? 'a few days' : '数日' });
  await deps.mailer.send({ to: email, messageId: `<signin-${token.slice(0, 16)}@shuzhi>`, ...mail });
}

/** The page a mailed link opens: one button, which posts the link back to sign in. */
function continueForm(ctx: PageContext, token: string, next?: string) {
  return html`
    <p>${ctx.t('continueSignInHelp')}</p>
    <form method="post" action="/signin/${encodeURIComponent(token)}">
      ${csrfField(ctx)}
      <input type="hidden" name="next" value="${localPath(next)}">
      <button class="primary" data-testid="continue-sign-in">${ctx.t('continueSignIn')}</button>
    </form>`;
}

function signInForm(ctx: PageContext, problem?: string, next?: string) {
  return html`
    ${problem ? html`<p class="error" data-testid="sign-in-problem">${problem}</p>` : ''}
    <p>${ctx.t('signInHelp')}</p>
    <form method="post" action="/login">
      <input type="hidden" name="_csrf" value="${ctx.viewer?.csrfToken ?? ''}">
      <input type="hidden" name="next" value="${localPath(next)}">
      <label>${ctx.t('email')} <input type="email" name="email" required></label>
      <button>${ctx.t('sendLink')}</button>
    </form>`;
}
