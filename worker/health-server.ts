// The worker's health port (WORKER_HEALTH_PORT): /healthz answers 200 while the worker runs (polls
// its task queue), 503 once it stops or fails; /readyz adds the parts its activities need (the
// database, Temporal, SMTP; app/readiness.ts). Plain node:http: two routes, no framework needed.
import { createServer, type Server } from 'node:http';
import { checkParts } from '../app/readiness';

export interface WorkerHealthOptions {
  port: number;
  host: string;
  /** The SDK's worker state: RUNNING while it polls. */
  workerState: () => string;
  parts: Record<string, () => Promise<unknown>>;
}

export function startWorkerHealthServer(options: WorkerHealthOptions): Promise<Server> {
  const server = createServer((request, response) => {
    const answer = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    const state = options.workerState();
    const running = state === 'RUNNING';
    if (request.method !== 'GET') return answer(405, { error: 'GET only' });
    if (request.url === '/healthz') return answer(running ? 200 : 503, { status: running ? 'up' : 'down', worker: state });
    if (request.url === '/readyz') {
      void checkParts(options.parts).then(({ ready, parts }) =>
        answer(ready && running ? 200 : 503, { status: ready && running ? 'ready' : 'not ready', worker: state, ...parts }),
      );
      return;
    }
    answer(404, { error: 'not found: /healthz or /readyz' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}
