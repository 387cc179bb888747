// The web app: pages for secretaries, reviewers, leaders and admins, served by Fastify from the
// read model, with every change sent through the same Temporal updates as the CLI (channel "web").
import formbody from '@fastify/formbody';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import type { SignInLinks } from '../db/sign-in-links';
import { LOCALES, type Locale } from '../domain/vocabulary';
import type { Mailer } from '../mail/mailer';
import type { Actor } from '../workflows/report-api';
import { reachFrom, type Reach } from './access';
import { readCookie } from './cookies';
import { translator } from './i18n';
import { page, type PageContext } from './layout';
import { html, type Html } from './html';
import { findSignedIn, SESSION_COOKIE, type Session } from './sessions';
import { registerSignIn } from './routes/sign-in';
import { registerHome } from './routes/home';
import { registerReports } from './routes/reports';
import { registerQueue } from './routes/queue';
import { registerDashboard } from './routes/dashboard';
import { registerMailbox } from './routes/mailbox';
import { registerStatic } from './routes/static';

export interface WebDeps {
  db: Db;
  temporal: Client;
  signInLinks: SignInLinks;
  mailer: Mailer;
  /** The address people reach the app at; cookies are Secure when it is https. */
  publicBaseUrl: string;
  defaultLocale: Locale;
  /** The capture server's mailbox folder; the mailbox page exists only when set (embedded stack). */
  mailboxDir?: string;
}

export interface Viewer extends Session {
  name: string;
  reach: Reach;
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer?: Viewer;
    locale: Locale;
  }
}

export const LANG_COOKIE = 'shuzhi_lang';

export async function buildWebApp(deps: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
  await app.register(formbody);
  // A .docx upload arrives as raw bytes from the editor's script.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.decorateRequest('viewer', undefined);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRequest', async (request) => {
    const signedIn = await findSignedIn(deps.db, readCookie(request, SESSION_COOKIE));
    if (signedIn) {
      const { session, name, locale, roles } = signedIn;
      request.viewer = { ...session, name: name ?? session.email, reach: reachFrom(session.email, roles) };
      request.locale = (locale as Locale | null) ?? deps.defaultLocale;
    } else request.locale = deps.defaultLocale;
    const chosen = readCookie(request, LANG_COOKIE);
    if (chosen && (LOCALES as readonly string[]).includes(chosen)) request.locale = chosen as Locale;
  });

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    if (!sameOrigin(request, deps.publicBaseUrl) || !csrfTokenMatches(request)) {
      await reply.code(403).type('text/html').send(errorPage(request, deps, 'csrfRefused'));
    }
  });

  registerStatic(app);
  registerSignIn(app, deps);
  registerHome(app, deps);
  registerReports(app, deps);
  registerQueue(app, deps);
  registerDashboard(app, deps);
  if (deps.mailboxDir) registerMailbox(app, deps, deps.mailboxDir);

  app.setNotFoundHandler((request, reply) => reply.code(404).type('text/html').send(errorPage(request, deps, 'notFound')));
  return app;
}

/** A cross-site request is refused whatever it carries: the browser says where it comes from. */
function sameOrigin(request: FastifyRequest, publicBaseUrl: string): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = request.headers.origin;
  if (!origin) return true; // not sent by every browser on same-origin form posts; the token decides
  const allowed = new Set([new URL(publicBaseUrl).origin, `${request.protocol}://${request.headers.host ?? ''}`]);
  return allowed.has(origin);
}

/** Signed-in requests carry the session's token in the form (_csrf) or a header (fetch). */
function csrfTokenMatches(request: FastifyRequest): boolean {
  if (!request.viewer) return true; // nothing to act as: only the sign-in forms, which need no session
  const body = request.body as Record<string, unknown> | undefined;
  const sent = request.headers['x-csrf-token'] ?? (body && typeof body === 'object' && !Buffer.isBuffer(body) ? body._csrf : undefined);
  return sent === request.viewer.csrfToken;
}

export function contextOf(request: FastifyRequest, deps: WebDeps): PageContext {
  return {
    locale: request.locale,
    t: translator(request.locale),
    viewer: request.viewer ? { email: request.viewer.email, name: request.viewer.name, csrfToken: request.viewer.csrfToken } : undefined,
    mailbox: !!deps.mailboxDir,
    path: request.url,
  };
}

export function errorPage(request: FastifyRequest, deps: WebDeps, key: 'csrfRefused' | 'notFound' | 'forbidden'): string {
  const ctx = contextOf(request, deps);
  return page(ctx, ctx.t(key), html`<p class="error">${ctx.t(key)}</p>`);
}

/** Sends a page, or the sign-in page when nobody is signed in. */
export function requireViewer(request: FastifyRequest, reply: FastifyReply): Viewer | undefined {
  if (request.viewer) return request.viewer;
  void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
  return undefined;
}

export const webActor = (viewer: Viewer): Actor => ({ email: viewer.email, channel: 'web' });

export function sendPage(reply: FastifyReply, ctx: PageContext, title: string, body: Html, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(page(ctx, title, body));
}
