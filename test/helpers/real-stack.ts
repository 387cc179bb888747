// The real parts for an end-to-end test: a dev server, the SMTP capture server, a scratch SQLite
// database, the environment the CLI needs to reach them, and the worker as its own process so a
// test can kill it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { PROJECT_ROOT } from '../../config/env';
import { startCaptureServer, type CaptureServer } from '../../mail/capture-server';
import { startOwnedProcess, type OwnedProcess } from '../../stack/child-process';
import { databaseKinds, type ScratchDatabase } from './databases';
import { startDevServer } from './temporal';

export interface RealStack {
  env: TestWorkflowEnvironment;
  smtp: CaptureServer;
  scratch: ScratchDatabase;
  /** Environment for `runCli` and the worker process. */
  cliEnv: NodeJS.ProcessEnv;
  dir: string;
  /** Starts `worker/main.ts` as a child process against this stack. */
  startWorker(): OwnedProcess;
  stop(): Promise<void>;
}

export async function startRealStack(name: string): Promise<RealStack> {
  const dir = mkdtempSync(join(tmpdir(), `shuzhi-${name}-`));
  const [env, smtp, scratch] = await Promise.all([
    startDevServer(),
    startCaptureServer({ mailboxDir: join(dir, 'mailbox'), port: 0 }),
    databaseKinds()[0].create(),
  ]);
  const cliEnv = {
    DATABASE_URL: scratch.url,
    TEMPORAL_ADDRESS: env.address,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    SHUZHI_DATA_DIR: dir,
    SHUZHI_LOCALE: 'en',
  };
  const workers: OwnedProcess[] = [];
  return {
    env,
    smtp,
    scratch,
    cliEnv,
    dir,
    startWorker() {
      const worker = startOwnedProcess('worker', process.execPath, [join(PROJECT_ROOT, 'bin/run-ts.js'), 'worker/main.ts'], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, ...cliEnv },
        logFile: join(dir, 'worker.log'),
      });
      workers.push(worker);
      return worker;
    },
    async stop() {
      for (const worker of workers) await worker.stop();
      await smtp.close();
      await scratch.drop();
      await env.teardown();
    },
  };
}
