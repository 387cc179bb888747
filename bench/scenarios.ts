// The benchmark scenarios. Each times one product path and, on the same stack in the same run,
// the raw-Temporal work it is compared with; ratio = baseline time ÷ scenario time.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { bulkApprove } from '../app/bulk-approve';
import { runBulk } from '../app/bulk';
import { extendReport, reviewReport, submitReport } from '../app/report-commands';
import { seasonStatus, startSeason, waitForFanOut } from '../app/season-commands';
import { importSeason } from '../db/season-import';
import { createSignInLinks } from '../db/sign-in-links';
import { TASK_QUEUE } from '../domain/constants';
import type { Mailer } from '../mail/mailer';
import { buildWebApp } from '../web/server';
import { findSignedIn, openSession, SESSION_COOKIE } from '../web/sessions';
import { escapeHtml } from '../mail/templates';
import { readCookie } from '../web/cookies';
import { branchIdOf, generatedSeason } from './generated-season';
import type { BenchStack } from './stack';
import type { ActivityStats } from './worker';
import { pokeUpdate } from './workflows';
import { BENCH_AUDIT_KEY } from './audit-key';

export interface ScenarioResult {
  scenario: string;
  /** What the scenario's time measures. */
  timed: string;
  baseline: string;
  n: number;
  timeMs: number;
  baselineMs: number;
  ratio: number;
  /** The unit of `timeMs`/`baselineMs` when it is not milliseconds (worker memory: MiB). */
  unit?: 'MiB';
  details?: Record<string, unknown>;
}

const SEASON = 'bench';
const ADMIN = { email: 'admin@bureau.example', channel: 'system' as const };
const LEADER = { email: 'pgs@bureau.example', channel: 'system' as const };
const REVIEWER = { email: 'reviewer@bureau.example', channel: 'system' as const };
const DAY = 86_400_000;
/** As many requests in flight as `shuzhi approve` and `season extend` use. */
const BULK_CONCURRENCY = 8;

const result = (r: Omit<ScenarioResult, 'ratio'>): ScenarioResult => ({ ...r, ratio: +(r.baselineMs / r.timeMs).toFixed(3) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until no workflow task waits on the task queue, so that a timed phase does not start with
 * its setup's last tasks still queued (a pass starts the report's fresh run, whose first task an
 * approval must wait for). Returns how long it waited.
 */
async function settled(client: Client): Promise<number> {
  const started = performance.now();
  let quiet = 0;
  while (quiet < 2) {
    await sleep(200);
    const { stats } = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: TASK_QUEUE },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      reportStats: true,
    });
    quiet = Number(stats?.approximateBacklogCount ?? 0) === 0 ? quiet + 1 : 0;
  }
  return Math.round(performance.now() - started);
}

/** Runs `count` jobs, `concurrency` at a time. */
async function inParallel(count: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await job(next++);
    }),
  );
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

function expectEvery<T>(items: T[], ok: (item: T) => boolean, what: string): void {
  const bad = items.filter((item) => !ok(item));
  if (bad.length) throw new Error(`${what}: ${bad.length} of ${items.length} did not, e.g. ${JSON.stringify(bad[0])}`);
}

const reportId = (i: number) => `${SEASON}/${branchIdOf(i)}`;

/**
 * Season fan-out and worker memory, each with its baseline. The worker restarts before the
 * memory baseline and before the fan-out, so each peak is that phase's alone.
 */
export async function seasonFanOutAndMemory(stack: BenchStack, n: number): Promise<[ScenarioResult, ScenarioResult]> {
  const { client } = stack.env;
  const fanOutBaselineMs = await timeMs(() =>
    inParallel(n, 50, (i) => client.workflow.execute('noopActivityWorkflow', { workflowId: `baseline-noop-${i}`, taskQueue: TASK_QUEUE, args: [] })),
  );

  // N open workflows in a fresh worker, each sent one raw update: the baselines of bulk approval and memory.
  await stack.worker.restart();
  await inParallel(n, 50, (i) => client.workflow.start('waitingWorkflow', { workflowId: `baseline-waiting-${i}`, taskQueue: TASK_QUEUE, args: [] }));
  await settled(client);
  const rawUpdatesMs = await timeMs(() =>
    inParallel(n, BULK_CONCURRENCY, (i) => client.workflow.getHandle(`baseline-waiting-${i}`).executeUpdate(pokeUpdate, { args: ['bench'] })),
  );
  const baselinePeakMiB = stack.worker.peakRssMiB();
  const baselineMemoryPeaks = await stack.worker.memoryPeaks();

  await stack.worker.restart();
  const season = generatedSeason(n);
  await importSeason(stack.scratch.db, season, ADMIN, BENCH_AUDIT_KEY);
  const fanOutMs = await timeMs(async () => {
    await startSeason(client, stack.scratch.db, season.id, ADMIN);
    await waitForFanOut(client, stack.scratch.db, season.id);
    while (stack.smtp.mailbox.list().length < n) await sleep(200);
  });
  const fanOutPeakMiB = stack.worker.peakRssMiB();
  const fanOutMemoryPeaks = await stack.worker.memoryPeaks();
  const history = await client.workflow.getHandle(`season/${season.id}`).fetchHistory();
  return [
    result({
      scenario: 'season fan-out',
      timed: '`season start` until every report workflow runs and every assignment mail is accepted by SMTP',
      baseline: 'N workflows that each run one no-op activity (50 at a time)',
      n,
      timeMs: fanOutMs,
      baselineMs: fanOutBaselineMs,
      details: { seasonHistoryEvents: history.events?.length ?? 0 },
    }),
    result({
      scenario: 'worker memory',
      timed: 'peak RSS (MiB) of a fresh worker process while it fans out N report workflows, which stay open',
      baseline: 'peak RSS (MiB) of a fresh worker process while N open empty workflows each take one update',
      n,
      unit: 'MiB',
      timeMs: fanOutPeakMiB,
      baselineMs: baselinePeakMiB,
      // Where the RSS went: the peaks of the worker's V8 heap and of memory outside it (MiB).
      details: { rawUpdatesMs, memoryPeaks: fanOutMemoryPeaks, baselineMemoryPeaks },
    }),
  ];
}

/** The admin's view of the season fanned out above: `season status --json` and the dashboard page. */
export async function dashboard(stack: BenchStack, n: number): Promise<ScenarioResult[]> {
  const db = stack.scratch.db;
  const app = await buildWebApp({
    db,
    temporal: stack.env.client as Client,
    signInLinks: createSignInLinks(db, 'bench-secret-of-at-least-thirty-two-chars', 3_600_000),
    mailer: { send: async () => undefined, verify: async () => undefined, close: () => undefined } as Mailer,
    publicBaseUrl: 'http://127.0.0.1:3000',
    defaultLocale: 'zh-CN',
  });
  // The page's baseline: a bare route on the same server that checks the session cookie as the
  // pages do and returns the same SELECT's rows as a minimal table (framework and session against
  // framework and session; #26's decision).
  app.get('/bench/bare-dashboard', async (request, reply) => {
    if (!(await findSignedIn(db, readCookie(request, SESSION_COOKIE)))) return reply.code(401).send();
    const rows = await db.report.findMany({ where: { seasonId: SEASON }, select: { id: true, state: true } });
    const cells = rows.map((row) => `<tr><td>${escapeHtml(row.id)}</td><td>${escapeHtml(row.state)}</td></tr>`).join('');
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><table>${cells}</table>`);
  });
  try {
    const session = await openSession(db, ADMIN.email);
    // Over real HTTP, as a browser would ask.
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const runs = 20;
    const get = (path: string) => async () => {
      const response = await fetch(`${address}${path}`, { headers: { cookie: `${SESSION_COOKIE}=${session.id}` } });
      await response.text();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    };
    const select = await percentiles(runs, () => db.report.findMany({ where: { seasonId: SEASON }, select: { id: true, state: true } }));
    const status = await percentiles(runs, () => seasonStatus(db, SEASON));
    const page = await percentiles(runs, get(`/seasons/${SEASON}`));
    const barePage = await percentiles(runs, get('/bench/bare-dashboard'));
    return [
      result({
        scenario: 'season status --json',
        timed: 'p50 of 20 runs',
        baseline: "one indexed SELECT of the season's N report rows (p50)",
        n,
        timeMs: status.p50,
        baselineMs: select.p50,
        details: { p95Ms: status.p95, baselineP95Ms: select.p95 },
      }),
      result({
        scenario: 'dashboard page',
        timed: 'p50 of 20 GETs over HTTP (p95 in details)',
        baseline: "a bare route on the same server: the session checked, the same SELECT's rows as a minimal HTML table (p50)",
        n,
        timeMs: page.p50,
        baselineMs: barePage.p50,
        details: { p95Ms: page.p95, baselineP95Ms: barePage.p95, selectP50Ms: select.p50 },
      }),
    ];
  } finally {
    await app.close();
  }
}

/** When the last of `count` mails after the first `from` in the mailbox was accepted (ms since epoch). */
async function lastMailAcceptedAt(stack: BenchStack, from: number, count: number): Promise<number> {
  for (;;) {
    const mails = stack.smtp.mailbox.list().slice(from);
    if (mails.length >= count) return Math.max(...mails.map((mail) => Date.parse(mail.receivedAt)));
    await sleep(200);
  }
}

/**
 * A reminder wave: every report's due date is extended so that its 7-days-before reminder falls
 * at the same moment; timed from that moment until every reminder mail is accepted by SMTP.
 */
export async function reminderWave(stack: BenchStack, n: number): Promise<ScenarioResult> {
  const { client } = stack.env;

  // The baseline: N workflows sleeping until one moment, then each running a no-op activity.
  const baselineAt = Date.now() + 10_000 + n * 15;
  await inParallel(n, 50, (i) =>
    client.workflow.start('timerThenNoopWorkflow', { workflowId: `baseline-timer-${i}`, taskQueue: TASK_QUEUE, args: [baselineAt] }),
  );
  if (Date.now() >= baselineAt) throw new Error('the baseline timers were not all started before their moment; raise the lead');
  // Each workflow returns when it finished, so how many results are awaited at once does not change
  // the figure; 50 at a time, because with all N awaited at once a run at N=3,000 failed here.
  const finishedAt: number[] = [];
  await inParallel(n, 50, async (i) => {
    finishedAt[i] = (await client.workflow.getHandle(`baseline-timer-${i}`).result()) as number;
  });
  const baselineMs = Math.max(...finishedAt) - baselineAt;

  // How long extending takes here, from a first few, so the wave's moment falls after every extension.
  const probe = Math.min(n, 40);
  // Each report's due date is set on its own, to one moment: later than the season file's (due in
  // two days, bench/generated-season.ts), as an extension must be, and the probe's before the wave's.
  const dueAt = (until: Date, count: number) =>
    runBulk(
      Array.from({ length: count }, (_, i) => reportId(i)),
      (id) => extendReport(client, id, ADMIN, until).then(() => undefined),
    );
  const probeMs = await timeMs(() => dueAt(new Date(Date.now() + 6 * DAY), probe));
  const waveAt = Date.now() + 10_000 + 2 * (probeMs / probe) * n;
  const extended = await dueAt(new Date(waveAt + 7 * DAY), n);
  expectEvery(extended, (r) => r.outcome === 'done', 'every report extended');
  if (Date.now() >= waveAt) throw new Error('extending took longer than planned: the wave moment passed before every report was extended');
  const mark = stack.smtp.mailbox.list().length;
  const before = await stack.worker.activityStats();
  const lastAt = await lastMailAcceptedAt(stack, mark, n);
  const reminders = stack.smtp.mailbox.list().slice(mark);
  expectEvery(reminders, (mail) => /^sec\d+@school\.example$/.test(mail.to[0] ?? ''), 'every wave mail went to a secretary');
  const activities = activityMeans(before, await stack.worker.activityStats());
  return result({
    scenario: 'reminder wave',
    timed: "from the moment N reports' reminders fall due until every reminder mail is accepted by SMTP",
    baseline: 'from the moment N sleeping workflows wake until each has run one no-op activity',
    n,
    timeMs: lastAt - waveAt,
    baselineMs,
    details: { activities },
  });
}

type ActivityMeans = Record<string, { calls: number; failed: number; meanMs: number }>;

/** Calls, failed calls and mean milliseconds per call of each activity between two snapshots of the worker's totals. */
function activityMeans(before: ActivityStats, after: ActivityStats): ActivityMeans {
  const means: ActivityMeans = {};
  for (const [name, { count, failed, totalMs }] of Object.entries(after)) {
    const calls = count - (before[name]?.count ?? 0);
    if (calls > 0)
      means[name] = { calls, failed: failed - (before[name]?.failed ?? 0), meanMs: +((totalMs - (before[name]?.totalMs ?? 0)) / calls).toFixed(2) };
  }
  return means;
}

/** `shuzhi approve --all-reviewed` of N reviewed reports, beside N raw updates to N waiting workflows. */
export async function bulkApproval(stack: BenchStack, n: number, rawUpdatesMs: number): Promise<ScenarioResult> {
  const { client } = stack.env;
  const db = stack.scratch.db;
  const body = '一、主要工作\n本年度发展预备党员3人，转正2人，收缴党费1200元。';
  await inParallel(n, 16, async (i) => {
    await submitReport(client, db, reportId(i), body, { email: `sec${i}@school.example`, channel: 'system' }, true);
    await reviewReport(client, reportId(i), { actor: REVIEWER, decision: 'approve' });
  });
  const settleMs = await settled(client);
  let results: Awaited<ReturnType<typeof bulkApprove>> = [];
  const before = await stack.worker.activityStats();
  const approvalMs = await timeMs(async () => {
    results = await bulkApprove(client, db, { seasonId: SEASON, actor: LEADER, rating: '好', concurrency: BULK_CONCURRENCY });
  });
  const activities = activityMeans(before, await stack.worker.activityStats());
  if (results.length !== n) throw new Error(`bulk approval saw ${results.length} reviewed reports, expected ${n}`);
  expectEvery(results, (r) => r.outcome === 'approved', 'every report approved');
  return result({
    scenario: 'bulk approval',
    timed: `\`shuzhi approve --all-reviewed --rating 好\` of N reviewed reports (${BULK_CONCURRENCY} at a time) on a settled task queue, every approval recorded and its mail accepted`,
    baseline: `N raw updates to N waiting workflows (${BULK_CONCURRENCY} at a time) on a settled task queue`,
    n,
    timeMs: approvalMs,
    baselineMs: rawUpdatesMs,
    details: { activities, settleMs },
  });
}
