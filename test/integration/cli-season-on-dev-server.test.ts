// The real path, end to end: the CLI creates and starts a season, the worker runs the workflows
// on the Temporal dev server, activities write the database and the mail reaches SMTP.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities, systemClock } from '../../activities';
import { startCaptureServer, type CaptureServer } from '../../mail/capture-server';
import { createSmtpMailer, type Mailer } from '../../mail/mailer';
import { SEARCH_ATTRIBUTES } from '../../domain/constants';
import { seasonWorkflowId } from '../../domain/ids';
import { createWorker } from '../../worker/create-worker';
import { runCli } from '../helpers/cli';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { waitUntil } from '../helpers/wait';
import { startDevServer, workflowBundle } from '../helpers/temporal';

describeEachDatabase('a season started from the CLI on the dev server', (kind) => {
  let env: TestWorkflowEnvironment;
  let smtp: CaptureServer;
  let mailer: Mailer;
  let scratch: ScratchDatabase;
  let worker: Worker;
  let running: Promise<void>;
  let cliEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    [env, smtp, scratch] = await Promise.all([
      startDevServer(),
      startCaptureServer({ mailboxDir: mkdtempSync(join(tmpdir(), 'mailbox-')), port: 0 }),
      kind.create(),
    ]);
    mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, '述职评议 <shuzhi@localhost>');
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      activities: createActivities({ db: scratch.db, mailer, clock: systemClock, publicBaseUrl: 'http://127.0.0.1:3000' }),
      workflowBundle: await workflowBundle(),
    });
    running = worker.run();
    cliEnv = {
      DATABASE_URL: scratch.url,
      TEMPORAL_ADDRESS: env.address,
      SHUZHI_DATA_DIR: smtp.mailbox.dir.replace(/\/mailbox[^/]*$/, ''),
      SHUZHI_LOCALE: 'en',
    };
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    mailer?.close();
    await smtp?.close();
    await scratch?.drop();
    await env?.teardown();
  });

  test('season create imports the file and says what to do next', async () => {
    const result = await runCli(['season', 'create', '--file', DEMO_SEASON_FILE], cliEnv);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Created season demo-2026: 3 branches, 7 people. Next: shuzhi season start demo-2026');
    expect(await scratch.db.organization.count()).toBe(4);
  });

  test('season start runs one report workflow per branch and every secretary gets the assignment mail', async () => {
    const result = await runCli(['season', 'start', 'demo-2026', '--wait', '--json'], cliEnv);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ alreadyStarted: false, summary: { started: 3, alreadyRunning: 0 } });

    await waitUntil(() => smtp.mailbox.list().length >= 3);

    const recipients = smtp.mailbox.list().flatMap((mail) => mail.to).sort();
    expect(recipients).toEqual(['shuji.jiguan@bureau.example', 'shuji.shixiao@school.example', 'shuji.yizhong@school.example']);
    const events = await scratch.db.auditEvent.findMany({ where: { seasonId: 'demo-2026' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.channel])).toEqual([
      ['season.created', 'cli'],
      ['season.started', 'cli'],
      ['report.assigned', 'workflow'],
      ['report.assigned', 'workflow'],
      ['report.assigned', 'workflow'],
    ]);
  });

  test('the season workflow carries its search attribute', async () => {
    const description = await env.client.workflow.getHandle(seasonWorkflowId('demo-2026')).describe();
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.seasonId)).toBe('demo-2026');
  });

  test('starting it again is harmless and says so', async () => {
    const result = await runCli(['season', 'start', 'demo-2026'], cliEnv);
    expect(result.stdout).toContain('Season demo-2026 was already started');
    expect(smtp.mailbox.list()).toHaveLength(3);
  });

  test('season status and audit read the record back', async () => {
    const status = JSON.parse((await runCli(['season', 'status', 'demo-2026', '--json'], cliEnv)).stdout);
    expect(status).toMatchObject({ status: 'running', branches: 3, reportsByState: { assigned: 3 }, mailsSent: 3 });
    const audit = JSON.parse((await runCli(['audit', 'demo-2026', '--json'], cliEnv)).stdout) as { action: string }[];
    expect(audit).toHaveLength(5);
    const verified = await runCli(['audit', 'verify', 'demo-2026', '--json'], cliEnv);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, events: 5, chains: 4 });
    const csv = (await runCli(['audit', 'demo-2026', '--branch', 'bureau-office', '--csv'], cliEnv)).stdout;
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2); // header and the assignment
  });
});
