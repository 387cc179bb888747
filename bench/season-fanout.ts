// How fast does a season fan out? Starts an N-branch season on a fresh embedded stack (file-backed
// dev server, SQLite, SMTP capture server, one worker) and times `season start` until every
// assignment mail has been accepted by SMTP; in the same run, times starting N empty workflows on
// the same server as the baseline.
// With --close it then reads the season's status, closes the season and times that too, and reports
// the longest history of any workflow in the run (the season workflow's runs included).
//   node bin/run-ts.js bench/season-fanout.ts [--branches 10000] [--page-size 200] [--close]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createActivities, systemClock } from '../activities';
import { closeSeason, seasonStatus, startSeason, waitForClose, waitForFanOut } from '../app/season-commands';
import { openDb, type Db } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { importSeason } from '../db/season-import';
import { ALL_SEARCH_ATTRIBUTES, TASK_QUEUE } from '../domain/constants';
import { generatedSeason } from './generated-season';
import { startCaptureServer } from '../mail/capture-server';
import { createSmtpMailer } from '../mail/mailer';
import { readToolPaths } from '../stack/tool-paths';
import { createWorker } from '../worker/create-worker';
import { bundleWorkflows } from '../worker/workflow-bundle';
import { progressBar } from '../client/progress';
import type { Actor } from '../domain/report-api';
import { BENCH_AUDIT_KEY, BENCH_DATA_CONVERTER } from './audit-key';

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};

async function main() {
  const branches = arg('branches', 1000);
  const pageSize = arg('page-size', 200);
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-bench-'));
  const databaseUrl = `file:${join(dir, 'shuzhi.db')}`;
  await migrateDatabase(databaseUrl);
  const db = await openDb(databaseUrl);
  const smtp = await startCaptureServer({ mailboxDir: join(dir, 'mailbox'), port: 0 });
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: readToolPaths('stack').temporalCli },
      dbFilename: join(dir, 'temporal.db'),
      searchAttributes: ALL_SEARCH_ATTRIBUTES,
    },
    client: { dataConverter: BENCH_DATA_CONVERTER },
  });
  const mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'bench <bench@localhost>');
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    activities: createActivities({ db, mailer, clock: systemClock, publicBaseUrl: 'http://127.0.0.1:3000', auditKey: BENCH_AUDIT_KEY }),
    dataConverter: BENCH_DATA_CONVERTER,
    workflowBundle: await bundleWorkflows(require.resolve('./workflows')),
  });
  const running = worker.run();
  try {
    console.log(`bench: ${branches} branches, page size ${pageSize}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);

    // Baseline: N empty workflows started and finished on the same server and worker.
    const baselineStart = Date.now();
    const bar = progressBar('empty workflows');
    let done = 0;
    const queue = Array.from({ length: branches }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          await env.client.workflow.execute('emptyWorkflow', { workflowId: `empty-${i}`, taskQueue: TASK_QUEUE, args: [] });
          bar.update(++done, branches);
        }
      }),
    );
    bar.finish();
    const baselineMs = Date.now() - baselineStart;

    const season = generatedSeason(branches);
    const importStart = Date.now();
    await importSeason(db, season, { email: 'admin@bureau.example', channel: 'system' }, BENCH_AUDIT_KEY);
    const importMs = Date.now() - importStart;

    const fanOutStart = Date.now();
    await startSeason(env.client, db, season.id, { email: 'admin@bureau.example', channel: 'system' });
    const fanBar = progressBar('season fan-out');
    await waitForFanOut(env.client, db, season.id, fanBar.update);
    while (smtp.mailbox.list().length < branches) await new Promise((resolve) => setTimeout(resolve, 500));
    fanBar.finish();
    const fanOutMs = Date.now() - fanOutStart;

    const history = await env.client.workflow.getHandle('season/bench').fetchHistory();
    const admin = { email: 'admin@bureau.example', channel: 'system' as const };
    const close = process.argv.includes('--close') ? await timeStatusAndClose(env.client, db, season.id, admin) : undefined;
    const histories = await longestHistories(env.client);
    const result = {
      date: new Date().toISOString(),
      machine: { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      branches,
      pageSize,
      seasonImportMs: importMs,
      fanOut: { wallMs: fanOutMs, branchesPerSecond: +(branches / (fanOutMs / 1000)).toFixed(1) },
      baselineEmptyWorkflows: { wallMs: baselineMs, workflowsPerSecond: +(branches / (baselineMs / 1000)).toFixed(1) },
      ratio: +(baselineMs / fanOutMs).toFixed(3),
      seasonWorkflowLastRunHistoryEvents: history.events?.length ?? 0,
      mailsCaptured: smtp.mailbox.list().length,
      ...(close ?? {}),
      longestHistory: histories,
    };
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', `fanout-${branches}-${result.date.replace(/[:.]/g, '-')}.json`), JSON.stringify(result, null, 2) + '\n');
  } finally {
    worker.shutdown();
    await running;
    mailer.close();
    await env.teardown();
    await smtp.close();
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `season status` on the running season, then the close until the summary is written. */
async function timeStatusAndClose(client: Client, db: Db, seasonId: string, admin: Actor) {
  const statusStart = Date.now();
  const status = await seasonStatus(db, seasonId);
  const statusMs = Date.now() - statusStart;
  const closeStart = Date.now();
  await closeSeason(client, db, seasonId, admin);
  const summary = await waitForClose(client, seasonId);
  return {
    seasonStatus: { wallMs: statusMs, reportsByState: status.reportsByState },
    close: { wallMs: Date.now() - closeStart, summaryBranches: summary.branches, neverSubmitted: summary.submitted.never },
  };
}

/** The most events any one run has, per workflow type, over every execution on the server. */
async function longestHistories(client: Client): Promise<Record<string, { runs: number; maxEvents: number }>> {
  const byType: Record<string, { runs: number; maxEvents: number }> = {};
  for await (const execution of client.workflow.list()) {
    const entry = (byType[execution.type] ??= { runs: 0, maxEvents: 0 });
    entry.runs += 1;
    entry.maxEvents = Math.max(entry.maxEvents, execution.historyLength);
  }
  return byType;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
