// A signed-in person's API tokens: list, create (the secret shown once), revoke.
import type { FastifyInstance } from 'fastify';
import { ApiTokenError, issueApiToken, listApiTokens, revokeApiToken, tokenDays } from '../../app/api-tokens';
import { newTokenPage, tokensPage } from '../pages/tokens-page';
import { contextOf, requireViewer, sendPage, type WebDeps } from '../context';

export async function tokenRoutes(app: FastifyInstance, deps: WebDeps) {
  app.get('/tokens', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const ctx = contextOf(request, deps);
    return sendPage(reply, ctx, ctx.t('apiTokens'), tokensPage(ctx, await listApiTokens(deps.db, viewer.email)));
  });

  app.post<{ Body: Record<string, string> }>('/tokens', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const ctx = contextOf(request, deps);
    try {
      const made = await issueApiToken(deps.db, viewer.email, request.body?.name ?? '', tokenDays(request.body?.days));
      // Never cached: the secret must not outlive this one page.
      reply.header('cache-control', 'no-store');
      return sendPage(reply, ctx, ctx.t('apiTokens'), newTokenPage(ctx, made.token, made.summary), 201);
    } catch (error) {
      if (!(error instanceof ApiTokenError)) throw error;
      return sendPage(reply, ctx, ctx.t('apiTokens'), tokensPage(ctx, await listApiTokens(deps.db, viewer.email), error.reason[request.locale]), 400);
    }
  });

  app.post<{ Params: { id: string } }>('/tokens/:id/revoke', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    try {
      await revokeApiToken(deps.db, viewer.email, request.params.id);
      return reply.redirect('/tokens', 303);
    } catch (error) {
      if (!(error instanceof ApiTokenError)) throw error;
      const ctx = contextOf(request, deps);
      return sendPage(reply, ctx, ctx.t('apiTokens'), tokensPage(ctx, await listApiTokens(deps.db, viewer.email), error.reason[request.locale]), 404);
    }
  });
}
