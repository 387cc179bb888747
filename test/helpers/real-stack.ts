// The real parts for an end-to-end test: a dev server, the SMTP capture server, a scratch SQLite
// database, the environment the CLI needs to reach them, and the worker as its own process so a
// test can kill it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { markDemoStack } from '../../config/demo-stack';
import { PROJECT_ROOT } from '../../config/env';
import { startCaptureServer, type CaptureServer } from '../../mail/capture-server';
import { startOwnedProcess, type OwnedProcess } from '../../stack/child-process';
import { workerNodeArgs, workerProcessEnv } from '../../stack/worker-node-args';
import { TEST_SECRET } from './audit-key';
import { databaseKinds, type ScratchDatabase } from './databases';
import { startClusterServer, startDevServer, type ClusterEnvironment } from './temporal';
import type { TemporalCluster } from '../../stack/temporal-cluster';
import { waitUntil } from './wait';
import { at } from './at';
import { freePort } from './web-alone';

export interface RealStack {
  env: TestWorkflowEnvironment;
  smtp: CaptureServer;
  scratch: ScratchDatabase;
  /** Environment for `runCli` and the worker process. */
  cliEnv: NodeJS.ProcessEnv;
  dir: string;
  /** Starts `worker/main.ts` (or another worker entry) as a child process against this stack; its log is `<name>.log`. */
  startWorker(options?: { entry?: string; env?: NodeJS.ProcessEnv; name?: string }): OwnedProcess;
  /** Temporal's own server on PostgreSQL, when the stack was started with `temporal: 'cluster'`. */
  cluster?: TemporalCluster;
  /** Starts the web app (`web/main.ts`) as a child process; resolves once it answers. */
  startWeb(options?: { env?: NodeJS.ProcessEnv }): Promise<OwnedProcess>;
  /** Where the web app listens (and where mailed links point). */
  webUrl: string;
  /** SMTP goes away (connections refused) until `smtpUp`; the mailbox is kept. */
  smtpDown(): Promise<void>;
  smtpUp(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `temporal: 'cluster'` runs Temporal's own server (test/helpers/temporal.ts); `database` picks the
 * application database (the first of databaseKinds() when not given: SQLite).
 */
export async function startRealStack(name: string, options: { temporal?: 'dev' | 'cluster'; database?: 'sqlite' | 'postgresql' } = {}): Promise<RealStack> {
  // The folder outlives the test (a few hundred KiB): its worker and web logs are what a failed run leaves to read.
  const dir = mkdtempSync(join(tmpdir(), `shuzhi-${name}-`));
  markDemoStack(dir); // the CLI may name who acts (--as) on a test stack, as on npm start's
  const [env, firstSmtp, scratch] = await Promise.all([
    options.temporal === 'cluster' ? startClusterServer() : startDevServer(),
    startCaptureServer({ mailboxDir: join(dir, 'mailbox'), port: 0 }),
    databaseKind(options.database).create(),
  ]);
  let smtp = firstSmtp;
  let smtpRunning = true;
  const webPort = await freePort();
  const webUrl = `http://127.0.0.1:${webPort}`;
  const cliEnv = {
    PUBLIC_BASE_URL: webUrl,
    WEB_PORT: String(webPort),
    SHUZHI_DEMO_MAILBOX: '1',
    DATABASE_URL: scratch.url,
    TEMPORAL_ADDRESS: env.address,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    SHUZHI_DATA_DIR: dir,
    SHUZHI_LOCALE: 'en',
    // One key for the record across the test, the CLI and the worker process (test/helpers/audit-key.ts).
    SHUZHI_SECRET: TEST_SECRET,
    // Temporal's payloads under the key derived from it, as the test's own client (test/helpers/payload-codec.ts).
    SHUZHI_PAYLOAD_KEYS: '',
  };
  const workers: OwnedProcess[] = [];
  let stopped = false;
  // A worker is started as the product starts it: its Node flags and its environment.
  const start = (name: string, entry: string, asWorker = false, extraEnv: NodeJS.ProcessEnv = {}) => {
    // A test that ran out of time goes on running after afterAll stopped the stack: it must not
    // leave a process behind that keeps jest from exiting.
    if (stopped) throw new Error(`the stack is stopped: not starting ${name}`);
    const env = { ...process.env, ...cliEnv, ...extraEnv };
    const child = startOwnedProcess(name, process.execPath, [...(asWorker ? workerNodeArgs() : []), join(PROJECT_ROOT, 'bin/run-ts.js'), entry], {
      cwd: PROJECT_ROOT,
      env: asWorker ? workerProcessEnv(env) : env,
      logFile: join(dir, `${name}.log`),
    });
    workers.push(child);
    return child;
  };
  return {
    env,
    cluster: (env as Partial<ClusterEnvironment>).cluster,
    get smtp() {
      return smtp;
    },
    scratch,
    cliEnv,
    dir,
    webUrl,
    async startWeb(options = {}) {
      const web = start('web', 'web/main.ts', false, options.env);
      await waitUntil(
        () =>
          fetch(`${webUrl}/login`).then(
            (r) => r.ok,
            () => false,
          ),
        60_000,
        'the web app to answer',
        300,
      );
      return web;
    },
    startWorker(options = {}) {
      return start(options.name ?? 'worker', options.entry ?? 'worker/main.ts', true, options.env);
    },
    async smtpDown() {
      smtpRunning = false;
      await smtp.close();
    },
    async smtpUp() {
      smtp = await startCaptureServer({ mailboxDir: smtp.mailbox.dir, port: smtp.port });
      smtpRunning = true;
    },
    async stop() {
      stopped = true;
      for (const worker of workers) await worker.stop();
      if (smtpRunning) await smtp.close();
      await scratch.drop();
      await env.teardown();
    },
  };
}

function databaseKind(provider: 'sqlite' | 'postgresql' | undefined) {
  if (!provider) return at(databaseKinds(), 0, 'database kind');
  const kind = databaseKinds().find((candidate) => candidate.provider === provider);
  if (!kind) throw new Error(`this test needs ${provider}, which SHUZHI_TEST_DATABASES leaves out`);
  return kind;
}
