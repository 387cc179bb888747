// What a deployment watches, on the real stack: the web app's /healthz, /readyz and /metrics, and
// the worker's health and metrics ports. Ready means the database, Temporal and SMTP answer; SMTP
// going away makes both not ready, naming SMTP and nothing more (no address, no error text).
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { startSeasonOnStack } from '../helpers/season-on-stack';
import { waitUntil } from '../helpers/wait';
import { freePort } from '../helpers/web-alone';

jest.setTimeout(240_000);

let stack: RealStack;
let workerHealth: string;
let workerMetrics: string;
const METRICS_TOKEN = 'prometheus-scrapes-with-this-token';
beforeAll(async () => {
  stack = await startRealStack('health');
  const [port, metricsPort] = [await freePort(), await freePort()];
  workerHealth = `http://127.0.0.1:${port}`;
  workerMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
  stack.startWorker({ env: { WORKER_HEALTH_PORT: String(port), WORKER_METRICS_PORT: String(metricsPort) } });
  await stack.startWeb({ env: { METRICS_TOKEN } });
  await startSeasonOnStack(stack);
});
afterAll(async () => {
  await stack?.stop();
});

const probe = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, string>, cache: response.headers.get('cache-control') };
};

test('the web app is up, and ready once its database, Temporal and SMTP answer, with the worker seen polling', async () => {
  expect(await probe(`${stack.webUrl}/healthz`)).toEqual({ status: 200, body: { status: 'up' }, cache: 'no-store' });
  await waitUntil(async () => (await probe(`${stack.webUrl}/readyz`)).body.worker === 'polling', 60_000, 'the worker to be seen polling', 1_000);
  expect(await probe(`${stack.webUrl}/readyz`)).toEqual({
    status: 200,
    body: { status: 'ready', database: 'ok', temporal: 'ok', smtp: 'ok', worker: 'polling' },
    cache: 'no-store',
  });
});

test("the worker's health port says it runs and is ready", async () => {
  await waitUntil(
    () =>
      fetch(`${workerHealth}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
    60_000,
    'the worker health port',
    300,
  );
  expect(await probe(`${workerHealth}/healthz`)).toMatchObject({ status: 200, body: { status: 'up', worker: 'RUNNING' } });
  expect(await probe(`${workerHealth}/readyz`)).toMatchObject({
    status: 200,
    body: { status: 'ready', worker: 'RUNNING', database: 'ok', temporal: 'ok', smtp: 'ok' },
  });
  expect((await fetch(`${workerHealth}/metrics`)).status).toBe(404);
});

test('without SMTP both are not ready and name SMTP alone; with it back, ready again', async () => {
  await stack.smtpDown();
  try {
    // The web app asks again once its last answer is a few seconds old.
    await waitUntil(async () => (await probe(`${stack.webUrl}/readyz`)).status === 503, 30_000, 'the web app to be not ready', 1_000);
    const web = await probe(`${stack.webUrl}/readyz`);
    expect(web.body).toEqual({ status: 'not ready', database: 'ok', temporal: 'ok', smtp: 'unreachable', worker: 'polling' });
    expect(JSON.stringify(web.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|\d{4,5}/);
    expect(await probe(`${workerHealth}/readyz`)).toMatchObject({ status: 503, body: { status: 'not ready', smtp: 'unreachable', database: 'ok' } });
    // Up is up: the process answers, whatever it depends on.
    expect((await probe(`${stack.webUrl}/healthz`)).status).toBe(200);
  } finally {
    await stack.smtpUp();
  }
  await waitUntil(async () => (await probe(`${stack.webUrl}/readyz`)).status === 200, 30_000, 'the web app to be ready again', 1_000);
  expect((await probe(`${workerHealth}/readyz`)).status).toBe(200);
});

test("the web app's /metrics gives Prometheus the reports by state, the mail and each route's timing, with its token only", async () => {
  expect((await fetch(`${stack.webUrl}/metrics`)).status).toBe(401);
  expect((await fetch(`${stack.webUrl}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
  await fetch(`${stack.webUrl}/login`);
  const answer = await fetch(`${stack.webUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(answer.status).toBe(200);
  const text = await answer.text();
  expect(text).toContain('shuzhi_reports{season="demo-2026",state="assigned"} 3');
  expect(text).toContain('shuzhi_mails{kind="assignment",status="sent"} 3');
  expect(text).toContain('shuzhi_mail_outbox 0');
  expect(text).toMatch(/shuzhi_http_request_duration_seconds_count\{route="\/login",method="GET",status="200"\} [1-9]/);
  expect(text).toContain('shuzhi_web_process_resident_memory_bytes');
});

test("the worker's SDK serves Temporal's own metrics for Prometheus", async () => {
  const text = await (await fetch(workerMetrics)).text();
  expect(text).toMatch(/^temporal_\w+/m);
  expect(text).toContain('task_queue="shuzhi"');
});
