// Starting a season is safe to repeat and survives a crash half-way through the fan-out: every
// branch ends up with exactly one report workflow and exactly one assignment mail.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { stringify } from 'yaml';
import { PROJECT_ROOT } from '../../config/env';
import { startCaptureServer, type CaptureServer } from '../../mail/capture-server';
import { startOwnedProcess, type OwnedProcess } from '../../stack/child-process';
import { runCli } from '../helpers/cli';
import { databaseKinds, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';
import { startDevServer } from '../helpers/temporal';
import { waitUntil } from '../helpers/wait';

const BRANCHES = 40;

describe('a season start interrupted by a worker crash', () => {
  let env: TestWorkflowEnvironment;
  let smtp: CaptureServer;
  let scratch: ScratchDatabase;
  let worker: OwnedProcess | undefined;
  let cliEnv: NodeJS.ProcessEnv;
  let dir: string;

  const startWorker = () =>
    startOwnedProcess('worker', process.execPath, [join(PROJECT_ROOT, 'bin/run-ts.js'), 'worker/main.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...cliEnv },
      logFile: join(dir, 'worker.log'),
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuzhi-fanout-'));
    [env, smtp, scratch] = await Promise.all([
      startDevServer(),
      startCaptureServer({ mailboxDir: join(dir, 'mailbox'), port: 0 }),
      databaseKinds()[0].create(),
    ]);
    cliEnv = { DATABASE_URL: scratch.url, TEMPORAL_ADDRESS: env.address, SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SHUZHI_DATA_DIR: dir, SHUZHI_LOCALE: 'en' };
  });
  afterAll(async () => {
    await worker?.stop();
    await smtp?.close();
    await scratch?.drop();
    await env?.teardown();
  });

  test('start, crash mid-fan-out, restart, start again: one workflow and one mail per branch', async () => {
    const base = demoSeason();
    const season = {
      ...base,
      people: [...base.people, ...Array.from({ length: BRANCHES }, (_, i) => ({ email: `sec${i}@school.example`, name: `书记${i}`, locale: 'zh-CN' as const }))],
      organization: {
        ...base.organization,
        branches: Array.from({ length: BRANCHES }, (_, i) => ({ id: `b${String(i).padStart(3, '0')}`, name: `第${i}支部`, secretary: `sec${i}@school.example` })),
      },
    };
    const file = join(dir, 'season.yaml');
    writeFileSync(file, stringify(season));
    expect((await runCli(['season', 'create', '--file', file], cliEnv)).code).toBe(0);

    worker = startWorker();
    expect((await runCli(['season', 'start', season.id], cliEnv)).code).toBe(0);
    await waitUntil(async () => (await scratch.db.report.count()) >= 3, 60_000, 'the first assignments');
    worker.child.kill('SIGKILL');
    await worker.exited;
    const assignedAtCrash = await scratch.db.report.count();

    const again = await runCli(['season', 'start', season.id], cliEnv);
    expect(again.stdout).toContain('was already started');
    worker = startWorker();
    const waited = await runCli(['season', 'start', season.id, '--wait', '--json'], cliEnv);
    expect(JSON.parse(waited.stdout)).toMatchObject({ alreadyStarted: true, summary: { fanOutDone: true } });
    await waitUntil(() => smtp.mailbox.list().length >= BRANCHES, 60_000, 'every assignment mail');
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a duplicate would arrive now

    expect(assignedAtCrash).toBeLessThan(BRANCHES); // the crash really was mid-fan-out
    const recipients = smtp.mailbox.list().flatMap((mail) => mail.to).sort();
    expect(recipients).toEqual(season.organization.branches.map((b) => b.secretary).sort());
    const workflows: string[] = [];
    for await (const execution of env.client.workflow.list({ query: `WorkflowType = 'branchReportWorkflow'` })) workflows.push(execution.workflowId);
    expect(workflows.sort()).toEqual(season.organization.branches.map((b) => `report/${season.id}/${b.id}`).sort());
    expect(await scratch.db.auditEvent.count({ where: { action: 'report.assigned' } })).toBe(BRANCHES);
  });
});
