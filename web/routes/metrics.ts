// GET /metrics for Prometheus, only with `Authorization: Bearer <METRICS_TOKEN>`; without a token
// configured it is not served at all. Counts of reports per season are not for everyone, and a
// check of the caller's address would let anyone in through a reverse proxy on the same machine.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { WebMetrics } from '../metrics';

export function metricsRoutes(metrics: WebMetrics, token: string | undefined) {
  return async (app: FastifyInstance) => {
    if (!token) return;
    const expected = Buffer.from(`Bearer ${token}`);
    app.get('/metrics', async (request, reply) => {
      const given = Buffer.from(request.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'a bearer token (METRICS_TOKEN) is needed' });
      }
      return reply
        .header('content-type', metrics.registry.contentType)
        .header('cache-control', 'no-store')
        .send(await metrics.registry.metrics());
    });
  };
}
