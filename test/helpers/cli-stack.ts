// The parts the CLI talks to in a test: the Temporal dev server with a worker in this process, the
// SMTP capture server and a scratch database, and the environment `runCli` needs to reach them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { markDemoStack } from '../../config/demo-stack';
import { startCaptureServer, type CaptureServer } from '../../mail/capture-server';
import { createSmtpMailer } from '../../mail/mailer';
import { TEST_SECRET } from './audit-key';
import type { DatabaseKind, ScratchDatabase } from './databases';
import { startDevServer } from './temporal';
import { startTestWorker } from './test-worker';

export interface CliStack {
  env: TestWorkflowEnvironment;
  smtp: CaptureServer;
  scratch: ScratchDatabase;
  /** For `runCli`: the database, Temporal, the data folder (beside the mailbox) and the secret. */
  cliEnv: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function startCliStack(kind: DatabaseKind, locale: 'zh-CN' | 'en' = 'en'): Promise<CliStack> {
  const [env, smtp, scratch] = await Promise.all([
    startDevServer(),
    startCaptureServer({ mailboxDir: join(mkdtempSync(join(tmpdir(), 'shuzhi-cli-')), 'mailbox'), port: 0 }),
    kind.create(),
  ]);
  const mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, '述职评议 <shuzhi@localhost>');
  const worker = await startTestWorker(env, { db: scratch.db, mailer, publicBaseUrl: 'http://127.0.0.1:3000' });
  const dataDir = join(smtp.mailbox.dir, '..');
  markDemoStack(dataDir); // the CLI may name who acts (--as) on a test stack, as on npm start's
  const cliEnv = {
    DATABASE_URL: scratch.url,
    TEMPORAL_ADDRESS: env.address,
    SHUZHI_DATA_DIR: dataDir,
    SHUZHI_LOCALE: locale,
    SHUZHI_SECRET: TEST_SECRET,
  };
  return {
    env,
    smtp,
    scratch,
    cliEnv,
    async stop() {
      await worker.stop();
      mailer.close();
      await smtp.close();
      await scratch.drop();
      await env.teardown();
    },
  };
}
