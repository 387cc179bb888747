// A whole season on the time-skipping server: fan-out in pages (continuing as new), a repeated
// start that changes nothing, and the close with its summary.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { SeasonSummary } from '../../domain/activity-contract';
import { submitReport } from '../../app/report-commands';
import { importSeason } from '../../db/season-import';
import { TASK_QUEUE } from '../../domain/constants';
import { seasonWorkflowId } from '../../domain/ids';
import { seasonWorkflow } from '../../workflows';
import { closeSeasonSignal, seasonProgressQuery } from '../../domain/season-api';
import { databaseKinds, type ScratchDatabase } from '../helpers/databases';
import { RecordingMailer } from '../helpers/fakes';
import { GOOD_REPORT } from '../helpers/report-harness';
import { demoSeason } from '../helpers/seasons';
import { startTimeSkippingServer } from '../helpers/temporal';
import { startTestWorker, type TestWorker } from '../helpers/test-worker';
import { waitUntil } from '../helpers/wait';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { at } from '../helpers/at';

describe('a season on the time-skipping server', () => {
  let env: TestWorkflowEnvironment;
  let scratch: ScratchDatabase;
  let worker: TestWorker;
  const mailer = new RecordingMailer();
  const base = demoSeason();
  // Seven branches, so pages of two make four pages and several continue-as-new runs.
  const season = {
    ...base,
    organization: {
      ...base.organization,
      branches: Array.from({ length: 7 }, (_, i) => ({ ...at(base.organization.branches, i % 3), id: `branch-${i + 1}`, name: `第${i + 1}党支部` })),
    },
  };
  const workflowId = seasonWorkflowId(season.id);

  beforeAll(async () => {
    env = await startTimeSkippingServer();
    scratch = await at(databaseKinds(), 0, 'database kind').create();
    worker = await startTestWorker(env, { db: scratch.db, mailer });
    await importSeason(scratch.db, season, { email: 'zuzhi@bureau.example', channel: 'cli' }, TEST_AUDIT_KEY);
  });
  afterAll(async () => {
    await worker?.stop();
    await scratch?.drop();
    await env?.teardown();
  });

  const start = (id: string) =>
    env.client.workflow.start(seasonWorkflow, {
      workflowId: id,
      taskQueue: TASK_QUEUE,
      args: [{ seasonId: season.id, startedBy: 'zuzhi@bureau.example', channel: 'cli', pageSize: 2, maxHistoryEvents: 20 }],
    });

  test('starts every branch once, in pages, continuing as new along the way', async () => {
    const handle = await start(workflowId);
    // Poll the database, not the workflow: rapid queries trip the test server's gRPC ping limit.
    await waitUntil(async () => (await scratch.db.report.count({ where: { seasonId: season.id } })) === 7, 30_000, 'the reports');
    await waitUntil(async () => (await handle.query(seasonProgressQuery)).fanOutDone, 30_000, 'the fan-out', 500);
    expect(await handle.query(seasonProgressQuery)).toMatchObject({ started: 7, alreadyRunning: 0 });
    expect((await handle.describe()).runId).not.toBe(handle.firstExecutionRunId);
    await waitUntil(async () => (await scratch.db.sentMail.count({ where: { seasonId: season.id } })) === 7, 30_000, 'the assignment mails');
    expect(new Set(mailer.sent.map((m) => m.to))).toEqual(new Set(season.organization.branches.map((b) => b.secretary)));
  });

  test('a second start of the same season starts nothing and mails nobody', async () => {
    const again = await start(`${workflowId}/again`);
    await waitUntil(async () => (await again.query(seasonProgressQuery)).fanOutDone, 30_000, 'the second fan-out', 500);
    expect(await again.query(seasonProgressQuery)).toMatchObject({ started: 0, alreadyRunning: 7 });
    expect(mailer.sent).toHaveLength(7);
    await again.terminate('test done');
  });

  test('closing settles every report and writes the summary', async () => {
    await submitReport(
      env.client,
      scratch.db,
      `${season.id}/branch-2`,
      GOOD_REPORT,
      { email: at(season.organization.branches, 1).secretary, channel: 'cli' },
      false,
    );
    const handle = env.client.workflow.getHandle(workflowId);
    await handle.signal(closeSeasonSignal, { actor: { email: 'zuzhi@bureau.example', channel: 'cli' } });
    const summary = (await handle.result()) as SeasonSummary;

    expect(summary).toMatchObject({
      branches: 7,
      byState: { closed: 7 },
      submitted: { onTime: 1, late: 0, never: 6 },
      figures: { probationaryMembersRecruited: 2, duesCollectedYuan: 3000 },
    });
    const row = await scratch.db.season.findUniqueOrThrow({ where: { id: season.id } });
    expect(row.status).toBe('closed');
    expect(JSON.parse(row.summaryJson ?? '{}')).toEqual(summary);
    const closes = await scratch.db.auditEvent.count({ where: { seasonId: season.id, action: 'report.closed' } });
    expect(closes).toBe(7);
    expect(await scratch.db.auditEvent.count({ where: { seasonId: season.id, action: 'season.closed' } })).toBe(1);
  });
});
