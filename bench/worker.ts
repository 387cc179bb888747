// The bench's worker, as its own process so its memory is its own: the product's workflows and
// activities plus the baselines' no-op activity, against the stack named in its environment
// (BENCH_TEMPORAL_ADDRESS, BENCH_DATABASE_URL, BENCH_SMTP_URL). Prints `bench worker ready` once polling.
// Every activity is timed; the totals go to BENCH_ACTIVITY_STATS twice a second, to show where a
// scenario's time goes, and the peaks of its memory's parts to BENCH_WORKER_MEMORY.
import { renameSync, writeFileSync } from 'node:fs';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createActivities, systemClock } from '../activities';
import { loadConfig } from '../config/env';
import { openDb } from '../db/client';
import { createSmtpMailer } from '../mail/mailer';
import { createWorker } from '../worker/create-worker';
import { bundleWorkflows } from '../worker/workflow-bundle';
import { BENCH_AUDIT_KEY, BENCH_DATA_CONVERTER } from './audit-key';

/** Per activity: calls, failed calls (a refused mail, a database error) and their total time. */
export type ActivityStats = Record<string, { count: number; failed: number; totalMs: number }>;
/** The largest of each part of `process.memoryUsage()` seen so far, in MiB: where the RSS goes. */
export type MemoryPeaks = Record<'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers', number>;

function trackMemoryPeaks(): MemoryPeaks {
  const peaks: MemoryPeaks = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    for (const key of Object.keys(peaks) as (keyof MemoryPeaks)[]) peaks[key] = Math.max(peaks[key], +(usage[key] / 2 ** 20).toFixed(1));
  };
  sample();
  setInterval(sample, 100).unref();
  return peaks;
}

/** The same activities, each call counted and timed. */
function timed<T extends Record<string, unknown>>(activities: T, stats: ActivityStats): T {
  const entries = Object.entries(activities).map(([name, fn]) => [
    name,
    async (...args: unknown[]) => {
      const started = performance.now();
      let failed = true;
      try {
        const result = await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
        failed = false;
        return result;
      } finally {
        const entry = (stats[name] ??= { count: 0, failed: 0, totalMs: 0 });
        entry.count += 1;
        if (failed) entry.failed += 1;
        entry.totalMs += performance.now() - started;
      }
    },
  ]);
  return Object.fromEntries(entries) as T;
}

/** Written beside and renamed into place, so the bench never reads a file half rewritten. */
function writeWhole(file: string, value: unknown) {
  writeFileSync(`${file}.tmp`, JSON.stringify(value));
  renameSync(`${file}.tmp`, file);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main() {
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
  const db = await openDb(required('BENCH_DATABASE_URL'));
  const mailer = createSmtpMailer(required('BENCH_SMTP_URL'), 'bench <bench@localhost>');
  const connection = await NativeConnection.connect({ address: required('BENCH_TEMPORAL_ADDRESS') });
  const stats: ActivityStats = {};
  const activities = timed(
    {
      ...createActivities({ db, mailer, clock: systemClock, publicBaseUrl: 'http://127.0.0.1:3000', auditKey: BENCH_AUDIT_KEY }),
      benchNoop: async () => undefined,
    },
    stats,
  );
  const statsFile = process.env.BENCH_ACTIVITY_STATS;
  const memoryFile = process.env.BENCH_WORKER_MEMORY;
  const memory = trackMemoryPeaks();
  const flush = setInterval(() => {
    if (statsFile) writeWhole(statsFile, stats);
    if (memoryFile) writeWhole(memoryFile, memory);
  }, 500);
  const worker = await createWorker({
    connection,
    namespace: 'default',
    // As the product's worker: WORKER_MAX_CACHED_WORKFLOWS from the environment, or its default.
    maxCachedWorkflows: loadConfig().WORKER_MAX_CACHED_WORKFLOWS,
    // The baselines' activity (benchNoop) does nothing, so its time is Temporal's alone.
    activities,
    dataConverter: BENCH_DATA_CONVERTER,
    workflowBundle: await bundleWorkflows(require.resolve('./workflows')),
  });
  const running = worker.run();
  console.log('bench worker ready');
  try {
    await running; // until SIGTERM
  } finally {
    clearInterval(flush);
    mailer.close();
    await connection.close();
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
