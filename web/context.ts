// What every route works with: the app's dependencies, who is signed in, and how a page is sent.
// Routes import this, never the server that composes them.
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuditKey } from '../config/audit-key';
import type { BallotTokens } from '../config/ballot-tokens';
import type { Db } from '../db/client';
import { oversees } from '../app/season-levels';
import type { SignInLinks } from '../db/sign-in-links';
import type { Actor } from '../domain/report-api';
import type { Locale } from '../domain/vocabulary';
import type { Mailer } from '../mail/mailer';
import type { Reach } from './access';
import { html, type Html } from './html';
import { translator } from './i18n';
import { returnPath } from './local-path';
import { page, type PageContext } from './layout';
import type { Session } from './sessions';

export interface WebDeps {
  db: Db;
  temporal: Client;
  signInLinks: SignInLinks;
  /** Authenticates acts the web app records itself (scheduling a meeting); without it they are not served. */
  auditKey?: AuditKey;
  /** Opens 民主测评 ballots (/ballot/<token>); without it the ballot pages are not served. */
  ballotTokens?: BallotTokens;
  mailer: Mailer;
  /** The address people reach the app at; cookies are Secure when it is https. */
  publicBaseUrl: string;
  defaultLocale: Locale;
  /** The capture server's mailbox folder; the mailbox page exists only when set (embedded stack). */
  mailboxDir?: string;
  /** How long a session lasts (SESSION_TTL); twelve hours when not given. */
  sessionTtlMs?: number;
  /** Prometheus's bearer token for /metrics (METRICS_TOKEN); without it /metrics is not served. */
  metricsToken?: string;
  /** The Temporal Web UI's codec endpoint (web/routes/codec.ts) exists only when given (web/main.ts gives it). */
  temporalCodec?: TemporalCodecDeps;
}

export interface TemporalCodecDeps {
  codec: PayloadCodec;
  /** The UI's origins (TEMPORAL_UI_ORIGIN), allowed to call with the session cookie. */
  uiOrigins: string[];
  /** The one namespace whose payloads this app encrypts (TEMPORAL_NAMESPACE). */
  namespace: string;
}

export interface Viewer extends Session {
  name: string;
  reach: Reach;
  /** The review queue is theirs to use (access.ts usesReviewQueue). */
  reviews: boolean;
  /** They hold a leadership role: bulk approval is theirs. */
  approves: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer?: Viewer;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /** The route checks where a post comes from itself (web/routes/codec.ts), so the app's CSRF check leaves it. */
    ownOriginCheck?: boolean;
    /**
     * The address itself is the authority (a ballot's token): no session's form token is asked for,
     * so a ballot opened before its holder signed in, in the same browser, still casts. Where the
     * post comes from is still checked.
     */
    authorityInAddress?: boolean;
    /** An API route anyone may read without a token (the OpenAPI document). */
    publicApi?: boolean;
  }
}

export const LANG_COOKIE = 'shuzhi_lang';

export function contextOf(request: FastifyRequest, deps: WebDeps): PageContext {
  return {
    locale: request.locale,
    t: translator(request.locale),
    viewer: request.viewer
      ? { email: request.viewer.email, name: request.viewer.name, csrfToken: request.viewer.csrfToken, reviews: request.viewer.reviews }
      : undefined,
    mailbox: !!deps.mailboxDir,
    path: request.url,
  };
}

export function errorPage(
  request: FastifyRequest,
  deps: WebDeps,
  key:
    | 'csrfRefused'
    | 'notFound'
    | 'forbidden'
    | 'requestTooLarge'
    | 'tooManyFiles'
    | 'fileTooLarge'
    | 'tooManyFilesPage'
    | 'fileTooLargePage'
    | 'tooManyRequests'
    | 'requestRefused'
    | 'serverError',
): string {
  const ctx = contextOf(request, deps);
  // Said once, as the heading; below it where to go from here, not the same sentence again.
  return page(ctx, ctx.t(key), html`<p>${ctx.t('errorWhatNext')}</p><p><a href="/" data-testid="back-home">${ctx.t('backHome')}</a></p>`);
}

/** Sends a page, or the sign-in page when nobody is signed in. */
export function requireViewer(request: FastifyRequest, reply: FastifyReply): Viewer | undefined {
  if (request.viewer) return request.viewer;
  void reply.redirect(`/login?next=${encodeURIComponent(returnPath(request))}`, request.method === 'GET' ? 302 : 303);
  return undefined;
}

export const webActor = (viewer: Viewer): Actor => ({ email: viewer.email, channel: 'web' });

/** The signed-in admin of the season in the address (`:id`), or the sign-in page or a 403 sent instead. */
export async function requireSeasonAdmin(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, deps: WebDeps): Promise<Viewer | undefined> {
  const viewer = requireViewer(request, reply);
  if (!viewer) return undefined;
  if (!viewer.reach.adminSeasons.includes(request.params.id)) {
    await reply
      .code(403)
      .type('text/html')
      .send(errorPage(request, deps, 'forbidden'));
    return undefined;
  }
  return viewer;
}

/**
 * The signed-in viewer if they may read this season: its admins (`own`), or an admin of a season
 * above it, who reads without its buttons; anyone else is told it is not theirs.
 */
export async function requireSeasonReader(
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  deps: WebDeps,
): Promise<{ viewer: Viewer; own: boolean } | undefined> {
  const viewer = requireViewer(request, reply);
  if (!viewer) return undefined;
  const own = viewer.reach.adminSeasons.includes(request.params.id);
  if (own || (await oversees(deps.db, viewer.reach.adminSeasons, request.params.id))) return { viewer, own };
  await requireSeasonAdmin(request, reply, deps);
  return undefined;
}

export function sendPage(reply: FastifyReply, ctx: PageContext, title: string, body: Html, status = 200) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(page(ctx, title, body));
}
