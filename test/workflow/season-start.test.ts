// The first, trivial path through the season and report workflows, on the time-skipping server.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { importSeason } from '../../db/season-import';
import { TASK_QUEUE } from '../../domain/constants';
import { seasonWorkflowId } from '../../domain/ids';
import { createWorker } from '../../worker/create-worker';
import { seasonWorkflow } from '../../workflows';
import { databaseKinds, type ScratchDatabase } from '../helpers/databases';
import { fixedClock, RecordingMailer } from '../helpers/fakes';
import { demoSeason } from '../helpers/seasons';
import { startTimeSkippingServer, workflowBundle } from '../helpers/temporal';

describe('starting a season (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let scratch: ScratchDatabase;
  let worker: Worker;
  let running: Promise<void>;
  const mailer = new RecordingMailer();
  const season = demoSeason();

  beforeAll(async () => {
    env = await startTimeSkippingServer();
    scratch = await databaseKinds()[0].create();
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      activities: createActivities({
        db: scratch.db,
        mailer,
        clock: fixedClock('2026-11-25T08:00:00Z'),
        publicBaseUrl: 'https://shuzhi.example',
      }),
      workflowBundle: await workflowBundle(),
    });
    running = worker.run();
    await importSeason(scratch.db, season, { email: 'zuzhi@bureau.example', channel: 'cli' });
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await scratch?.drop();
    await env?.teardown();
  });

  async function startSeasonOnce(attempt: number) {
    const summary = await env.client.workflow.execute(seasonWorkflow, {
      workflowId: `${seasonWorkflowId(season.id)}/attempt-${attempt}`,
      taskQueue: TASK_QUEUE,
      args: [{ seasonId: season.id, startedBy: 'zuzhi@bureau.example', channel: 'cli' }],
    });
    // Report workflows live on after the season workflow has started them: wait for their mail.
    for (let i = 0; i < 200 && (await scratch.db.sentMail.count({ where: { seasonId: season.id, status: 'sent' } })) < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return summary;
  }

  test('assigns every branch, mails every secretary once, and records it', async () => {
    expect(await startSeasonOnce(1)).toEqual({ started: 3, alreadyRunning: 0 });

    expect(mailer.sent.map((m) => m.to).sort()).toEqual(season.organization.branches.map((b) => b.secretary).sort());
    const english = mailer.sent.find((m) => m.to === 'shuji.shixiao@school.example');
    expect(english?.subject).toMatch(/^\[Report assigned\]/);
    expect(english?.text).toContain('https://shuzhi.example/reports/demo-2026%2Fexperimental-primary');

    const reports = await scratch.db.report.findMany({ where: { seasonId: season.id } });
    expect(reports.map((r) => r.state)).toEqual(['assigned', 'assigned', 'assigned']);
    const events = await scratch.db.auditEvent.findMany({ where: { seasonId: season.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.actorEmail])).toEqual([
      ['season.created', 'zuzhi@bureau.example'],
      ['season.started', 'zuzhi@bureau.example'],
      ['report.assigned', 'system'],
      ['report.assigned', 'system'],
      ['report.assigned', 'system'],
    ]);
    expect(await scratch.db.sentMail.count({ where: { seasonId: season.id, status: 'sent' } })).toBe(3);
  });

  test('starting the same season again starts no second report workflow and sends no second mail', async () => {
    const before = mailer.sent.length;
    expect(await startSeasonOnce(2)).toEqual({ started: 0, alreadyRunning: 3 });
    expect(mailer.sent.length).toBe(before);
  });
});
