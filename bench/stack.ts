// The embedded stack a benchmark runs on, in a scratch folder: a file-backed Temporal dev server,
// the SMTP capture server, a scratch application database (SQLite or PostgreSQL) and one worker
// process with the product's workflows and activities plus the baselines' no-op ones.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { PROJECT_ROOT } from '../config/env';
import type { DatabaseProvider } from '../db/provider';
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from '../db/scratch-database';
import { ALL_SEARCH_ATTRIBUTES } from '../domain/constants';
import { startCaptureServer, type CaptureServer } from '../mail/capture-server';
import { startOwnedProcess, type OwnedProcess } from '../stack/child-process';
import { startClusterEnvironment } from '../stack/temporal-cluster';
import { readToolPaths } from '../stack/tool-paths';
import { WORKER_HEAP_MIB, workerNodeArgs, workerProcessEnv } from '../stack/worker-node-args';
import { BENCH_DATA_CONVERTER } from './audit-key';
import type { ActivityStats, MemoryPeaks } from './worker';

export interface BenchWorker {
  /** Calls and time per activity since this worker process started (flushed twice a second). */
  activityStats(): Promise<ActivityStats>;
  /** Peak resident memory of the worker process since it started (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** The peaks of the worker's own memory counters since it started (heap, external…), in MiB. */
  memoryPeaks(): Promise<MemoryPeaks | undefined>;
  /** Stops the worker and starts a fresh process: its cache and peak memory start from nothing. */
  restart(): Promise<void>;
}

export interface BenchStack {
  env: TestWorkflowEnvironment;
  scratch: ScratchDatabase;
  smtp: CaptureServer;
  worker: BenchWorker;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/** PostgreSQL comes from the test bootstrap's server (`.tools/paths.test.json`), when there is one. */
export function postgresAdminUrl(): string | { unavailable: string } {
  if (process.env.SHUZHI_TEST_POSTGRES_URL) return process.env.SHUZHI_TEST_POSTGRES_URL;
  try {
    const postgres = readToolPaths('test').postgres;
    return postgres?.available ? postgres.url : { unavailable: postgres?.reason ?? 'not looked for' };
  } catch (error) {
    return { unavailable: (error as Error).message };
  }
}

export function benchWorkerHeapMiB(): number {
  return process.env.BENCH_WORKER_HEAP_MIB ? Number(process.env.BENCH_WORKER_HEAP_MIB) : WORKER_HEAP_MIB;
}

/** Starts `bench/worker.ts` and resolves once it polls. */
async function startWorkerProcess(dir: string, env: NodeJS.ProcessEnv): Promise<OwnedProcess> {
  // The product's heap cap, unless BENCH_WORKER_HEAP_MIB says otherwise (0: V8's default).
  const heap = workerNodeArgs(benchWorkerHeapMiB());
  // Extra node flags for the worker alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles` to profile it.
  const extra = process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const worker = startOwnedProcess('bench-worker', process.execPath, [...heap, ...extra, join(PROJECT_ROOT, 'bin/run-ts.js'), 'bench/worker.ts'], {
    cwd: PROJECT_ROOT,
    env: workerProcessEnv({ ...process.env, ...env }),
    logFile: join(dir, 'worker.log'),
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    worker.child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('bench worker ready')) resolve();
    });
    void worker.exited.then((code) => reject(new Error(`the bench worker exited (${code}) before it was ready; see ${join(dir, 'worker.log')}`)));
  });
  return worker;
}

function peakRssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return +(kib / 1024).toFixed(1);
}

/** Which Temporal a bench runs on: the file-backed dev server, or the cluster stack on PostgreSQL. */
export type BenchTemporal = 'dev-server' | 'cluster';

async function startTemporal(temporal: BenchTemporal, dir: string): Promise<TestWorkflowEnvironment> {
  if (temporal === 'cluster') {
    const tools = readToolPaths('test').temporalCluster;
    const admin = postgresAdminUrl();
    if (!tools) throw new Error('the cluster tools are missing: run npm test once (its bootstrap builds them)');
    if (typeof admin === 'object') throw new Error(`the cluster needs PostgreSQL: ${admin.unavailable}`);
    return startClusterEnvironment({ tools, postgresUrl: admin, dataConverter: BENCH_DATA_CONVERTER, historyShards: benchHistoryShards() });
  }
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: readToolPaths('test').temporalCli },
      dbFilename: join(dir, 'temporal.db'),
      searchAttributes: ALL_SEARCH_ATTRIBUTES,
    },
    client: { dataConverter: BENCH_DATA_CONVERTER },
  });
}

/** The cluster's history shards: BENCH_HISTORY_SHARDS, or the cluster stack's own number. */
export function benchHistoryShards(): number | undefined {
  return process.env.BENCH_HISTORY_SHARDS ? Number(process.env.BENCH_HISTORY_SHARDS) : undefined;
}

export async function startBenchStack(provider: DatabaseProvider, temporal: BenchTemporal = 'dev-server'): Promise<BenchStack> {
  if (!runtimeInstalled) {
    runtimeInstalled = true;
    try {
      Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } } });
    } catch {
      // Already installed by the process (the test that runs the bench): keep that one.
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-bench-'));
  const admin = provider === 'postgresql' ? postgresAdminUrl() : undefined;
  if (typeof admin === 'object') throw new Error(`PostgreSQL is not available: ${admin.unavailable}`);
  const scratch = admin ? await createScratchPostgres(admin) : await createScratchSqlite();
  const smtp = await startCaptureServer({ mailboxDir: join(dir, 'mailbox'), port: 0 });
  const env = await startTemporal(temporal, dir);
  const statsFile = join(dir, 'activity-stats.json');
  const memoryFile = join(dir, 'worker-memory.json');
  const workerEnv = {
    BENCH_TEMPORAL_ADDRESS: env.address,
    BENCH_DATABASE_URL: scratch.url,
    BENCH_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    BENCH_ACTIVITY_STATS: statsFile,
    BENCH_WORKER_MEMORY: memoryFile,
  };
  /** A file the worker rewrites twice a second, read after its next write. */
  const readFlushed = async <T>(file: string): Promise<T | undefined> => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  };
  let worker = await startWorkerProcess(dir, workerEnv);
  return {
    env,
    scratch,
    smtp,
    worker: {
      peakRssMiB: () => peakRssMiB(worker.child.pid),
      activityStats: async () => (await readFlushed<ActivityStats>(statsFile)) ?? {},
      memoryPeaks: () => readFlushed<MemoryPeaks>(memoryFile),
      async restart() {
        await worker.stop(30_000);
        rmSync(statsFile, { force: true });
        rmSync(memoryFile, { force: true });
        worker = await startWorkerProcess(dir, workerEnv);
      },
    },
    async stop() {
      await worker.stop(30_000);
      await env.teardown();
      await smtp.close();
      await scratch.drop();
      // Its Temporal database and mailbox grow with N, run after run; a failed run keeps them to read.
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
