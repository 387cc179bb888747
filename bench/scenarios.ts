// The benchmark scenarios. Each times one product path and, on the same stack in the same run,
// the raw-Temporal work it is compared with; ratio = baseline time ÷ scenario time.
import type { Client } from '@temporalio/client';
import { seasonStatus, startSeason, waitForFanOut } from '../client/season-commands';
import { importSeason } from '../db/season-import';
import { createSignInLinks } from '../db/sign-in-links';
import { TASK_QUEUE } from '../domain/constants';
import type { Mailer } from '../mail/mailer';
import { buildWebApp } from '../web/server';
import { openSession, SESSION_COOKIE } from '../web/sessions';
import { generatedSeason } from './generated-season';
import type { BenchStack } from './stack';

export interface ScenarioResult {
  scenario: string;
  /** What the scenario's time measures. */
  timed: string;
  baseline: string;
  n: number;
  timeMs: number;
  baselineMs: number;
  ratio: number;
  details?: Record<string, unknown>;
}

const ADMIN = { email: 'admin@bureau.example', channel: 'system' as const };
const result = (r: Omit<ScenarioResult, 'ratio'>): ScenarioResult => ({ ...r, ratio: +(r.baselineMs / r.timeMs).toFixed(3) });

/** Runs `count` jobs, `concurrency` at a time. */
async function inParallel(count: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await job(next++);
  }));
}

async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Median and 95th percentile of `runs` timings after one warm-up. */
async function percentiles(runs: number, work: () => Promise<unknown>) {
  await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await timeMs(work));
  ms.sort((a, b) => a - b);
  const at = (q: number) => +(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0).toFixed(1);
  return { p50: at(0.5), p95: at(0.95) };
}

/** `season start` of N branches until every branch workflow runs and every assignment mail is accepted. */
export async function seasonFanOut(stack: BenchStack, n: number): Promise<ScenarioResult> {
  const { client } = stack.env;
  const baselineMs = await timeMs(() =>
    inParallel(n, 50, (i) => client.workflow.execute('noopActivityWorkflow', { workflowId: `baseline-noop-${i}`, taskQueue: TASK_QUEUE, args: [] })),
  );
  const season = generatedSeason(n);
  await importSeason(stack.scratch.db, season, ADMIN);
  const scenarioMs = await timeMs(async () => {
    await startSeason(client, stack.scratch.db, season.id, ADMIN);
    await waitForFanOut(client, stack.scratch.db, season.id);
    while (stack.smtp.mailbox.list().length < n) await new Promise((resolve) => setTimeout(resolve, 200));
  });
  const history = await client.workflow.getHandle(`season/${season.id}`).fetchHistory();
  return result({
    scenario: 'season fan-out',
    timed: '`season start` until every report workflow runs and every assignment mail is accepted by SMTP',
    baseline: 'N workflows that each run one no-op activity (50 at a time)',
    n,
    timeMs: scenarioMs,
    baselineMs,
    details: { seasonHistoryEvents: history.events?.length ?? 0 },
  });
}

/** The admin's view of the season fanned out above: `season status --json` and the dashboard page. */
export async function dashboard(stack: BenchStack, n: number): Promise<ScenarioResult[]> {
  const db = stack.scratch.db;
  const app = await buildWebApp({
    db,
    temporal: stack.env.client as Client,
    signInLinks: createSignInLinks(db, 'bench-secret-of-at-least-thirty-two-chars', 3_600_000),
    mailer: { send: async () => undefined, close: () => undefined } as Mailer,
    publicBaseUrl: 'http://127.0.0.1:3000',
    defaultLocale: 'zh-CN',
  });
  try {
    const session = await openSession(db, ADMIN.email);
    // Over real HTTP, as a browser would ask.
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const runs = 20;
    const select = await percentiles(runs, () => db.report.findMany({ where: { seasonId: 'bench' }, select: { id: true, state: true } }));
    const status = await percentiles(runs, () => seasonStatus(db, 'bench'));
    const page = await percentiles(runs, async () => {
      const response = await fetch(`${address}/seasons/bench`, { headers: { cookie: `${SESSION_COOKIE}=${session.id}` } });
      await response.text();
      if (response.status !== 200) throw new Error(`the dashboard answered ${response.status}`);
    });
    const baseline = 'one indexed SELECT of the season\'s N report rows (p50)';
    return [
      result({ scenario: 'season status --json', timed: 'p50 of 20 runs', baseline, n, timeMs: status.p50, baselineMs: select.p50, details: { p95Ms: status.p95, baselineP95Ms: select.p95 } }),
      result({ scenario: 'dashboard page', timed: 'p50 of 20 GETs over HTTP', baseline, n, timeMs: page.p50, baselineMs: select.p50, details: { p95Ms: page.p95, baselineP95Ms: select.p95 } }),
    ];
  } finally {
    await app.close();
  }
}
