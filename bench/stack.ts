// The embedded stack a benchmark runs on, in a scratch folder: a file-backed Temporal dev server,
// the SMTP capture server, a scratch application database (SQLite or PostgreSQL) and one worker
// with the product's workflows and activities plus the baselines' no-op ones.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { createActivities, systemClock } from '../activities';
import type { DatabaseProvider } from '../db/provider';
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from '../db/scratch-database';
import { ALL_SEARCH_ATTRIBUTES } from '../domain/constants';
import { startCaptureServer, type CaptureServer } from '../mail/capture-server';
import { createSmtpMailer } from '../mail/mailer';
import { readToolPaths } from '../stack/tool-paths';
import { createWorker } from '../worker/create-worker';

export interface BenchStack {
  env: TestWorkflowEnvironment;
  scratch: ScratchDatabase;
  smtp: CaptureServer;
  worker: Worker;
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

export async function startBenchStack(provider: DatabaseProvider): Promise<BenchStack> {
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
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: readToolPaths('stack').temporalCli },
      dbFilename: join(dir, 'temporal.db'),
      searchAttributes: ALL_SEARCH_ATTRIBUTES,
    },
  });
  const mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'bench <bench@localhost>');
  const activities = createActivities({ db: scratch.db, mailer, clock: systemClock, publicBaseUrl: 'http://127.0.0.1:3000' });
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    // The baselines' activity: does nothing, so its time is Temporal's alone.
    activities: { ...activities, benchNoop: async () => undefined } as typeof activities,
    workflowBundle: await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('WARN') }),
  });
  const running = worker.run();
  return {
    env,
    scratch,
    smtp,
    worker,
    async stop() {
      worker.shutdown();
      await running;
      mailer.close();
      await env.teardown();
      await smtp.close();
      await scratch.drop();
    },
  };
}
