// /healthz: the process is up and answering (nothing else is asked, so a load balancer's probe is
// cheap). /readyz: the parts it needs answer (app/readiness.ts); 503 while one does not. Neither
// needs a session, and neither says more than each part's state. One check serves every probe for
// a few seconds, so asking often (or an attacker asking) never opens more than a connection or two.
import type { FastifyInstance } from 'fastify';
import { checkReadiness, type Readiness } from '../../app/readiness';
import type { WebDeps } from '../context';

const ONE_CHECK_SERVES_MS = 5_000;

export async function healthRoutes(app: FastifyInstance, deps: WebDeps) {
  let last: { at: number; readiness: Promise<Readiness> } | undefined;
  const readiness = () => {
    if (!last || Date.now() - last.at >= ONE_CHECK_SERVES_MS) last = { at: Date.now(), readiness: checkReadiness(deps) };
    return last.readiness;
  };

  app.get('/healthz', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'up' }));
  app.get('/readyz', async (_request, reply) => {
    const { ready, parts, worker } = await readiness();
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not ready', ...parts, worker });
  });
}
