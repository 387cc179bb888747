// The web app: pages for secretaries, reviewers, leaders and admins, served by Fastify from the
// read model, with every change sent through the same Temporal updates as the CLI (channel "web");
// and the JSON API under /api/v1 for programs, by personal token (channel "api").
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { LOCALES, type Locale } from '../domain/vocabulary';
import { callerReach } from './caller';
import { errorPage, LANG_COOKIE, type WebDeps } from './context';
import { readCookie } from './cookies';
import { ballotRoutes } from './routes/ballot';
import { rectificationRoutes } from './routes/rectifications';
import { meetingRoutes } from './routes/meetings';
import { codecRoutes } from './routes/codec';
import { dashboardRoutes } from './routes/dashboard';
import { healthRoutes } from './routes/health';
import { homeRoutes } from './routes/home';
import { metricsRoutes } from './routes/metrics';
import { createWebMetrics } from './metrics';
import { mailboxRoutes } from './routes/mailbox';
import { queueRoutes } from './routes/queue';
import { reportRoutes } from './routes/reports';
import { apiRoutes, API_PREFIX, isApiPath } from './routes/api';
import { tokenRoutes } from './routes/tokens';
import { signInRoutes } from './routes/sign-in';
import { staticRoutes } from './routes/static';
import { answerErrors, REQUEST_LIMIT_MB } from './error-answers';
import { securityHeaders } from './security-headers';
import { findSignedIn, SESSION_COOKIE } from './sessions';

export type { WebDeps } from './context';

export async function buildWebApp(deps: WebDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: REQUEST_LIMIT_MB * 1024 * 1024,
    // An address the router refuses before any route (a 5,000-character ballot token, a malformed
    // URL) is answered with a page like any other, not the framework's JSON.
    frameworkErrors: (error, rawRequest, rawReply) => {
      const [request, reply] = [rawRequest as FastifyRequest, rawReply as FastifyReply];
      request.locale ??= deps.defaultLocale;
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void reply
        .code(tooLong ? 404 : 400)
        .type('text/html')
        .send(errorPage(request, deps, tooLong ? 'notFound' : 'requestRefused'));
    },
  });
  await app.register(formbody);
  // A .docx upload arrives as raw bytes from the editor's script.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.decorateRequest('viewer', undefined);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRequest', async (request) => {
    // The API takes a bearer token only (web/routes/api.ts): a cookie there signs no one in, so
    // the CSRF check below has no viewer to check for.
    const signedIn = isApiPath(request.url) ? null : await findSignedIn(deps.db, readCookie(request, SESSION_COOKIE));
    if (signedIn) {
      const { session, name, locale, roles } = signedIn;
      request.viewer = { ...session, name: name ?? session.email, ...(await callerReach(deps.db, session.email, roles)) };
      request.locale = (locale as Locale | null) ?? deps.defaultLocale;
    } else request.locale = deps.defaultLocale;
    const chosen = readCookie(request, LANG_COOKIE);
    if (chosen && (LOCALES as readonly string[]).includes(chosen)) request.locale = chosen as Locale;
  });

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || request.routeOptions.config.ownOriginCheck) return;
    const tokenNeeded = !request.routeOptions.config.authorityInAddress;
    if (!sameOrigin(request, deps.publicBaseUrl) || (tokenNeeded && !csrfTokenMatches(request))) {
      await reply
        .code(403)
        .type('text/html')
        .send(errorPage(request, deps, 'csrfRefused'));
    }
  });

  // Before the routes: a plugin keeps the error handler and hooks its parent had when it was registered.
  answerErrors(app, deps);
  const metrics = createWebMetrics(deps.db);
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  await securityHeaders(app);
  // Each group of pages is a plugin given the app's dependencies; none imports this module.
  await app.register(staticRoutes);
  for (const routes of [healthRoutes, signInRoutes, homeRoutes, reportRoutes, queueRoutes, dashboardRoutes, tokenRoutes, rectificationRoutes])
    await app.register(routes, deps);
  await app.register(apiRoutes, { ...deps, prefix: API_PREFIX });
  await app.register(metricsRoutes(metrics, deps.metricsToken));
  if (deps.mailboxDir) await app.register(mailboxRoutes, deps);
  if (deps.temporalCodec) await app.register(codecRoutes, deps);
  if (deps.ballotTokens) {
    await app.register(ballotRoutes, { ...deps, ballotTokens: deps.ballotTokens });
    await app.register(meetingRoutes, { ...deps, ballotTokens: deps.ballotTokens });
  }

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('text/html')
      .send(errorPage(request, deps, 'notFound')),
  );
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
  const field = body && typeof body === 'object' && !Buffer.isBuffer(body) ? body._csrf : undefined;
  // A multipart form's fields arrive as objects holding their value (@fastify/multipart).
  const value = field && typeof field === 'object' && 'value' in field ? (field as { value: unknown }).value : field;
  return (request.headers['x-csrf-token'] ?? value) === request.viewer.csrfToken;
}
