// The demo season running on the time-skipping server with a worker and a scratch database: its
// three reports assigned, ready for a test to act on (the meeting's and rectification's tests).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import type { BallotTokens } from '../../config/ballot-tokens';
import { importSeason } from '../../db/season-import';
import { TASK_QUEUE } from '../../domain/constants';
import { seasonWorkflowId } from '../../domain/ids';
import { createWorker } from '../../worker/create-worker';
import { seasonWorkflow } from '../../workflows';
import { TEST_AUDIT_KEY } from './audit-key';
import type { DatabaseKind, ScratchDatabase } from './databases';
import { RecordingMailer } from './fakes';
import { TEST_DATA_CONVERTER } from './payload-codec';
import { DEMO, demoSeason } from './seasons';
import { startTimeSkippingServer, workflowBundle } from './temporal';
import { waitUntil } from './wait';

export interface SeasonOnTimeSkipping {
  env: TestWorkflowEnvironment;
  scratch: ScratchDatabase;
  mailer: RecordingMailer;
  seasonId: string;
  /** The reports' ids, by branch id. */
  reportIds: string[];
  stop(): Promise<void>;
}

export async function startSeasonOnTimeSkipping(kind: DatabaseKind, options: { ballotTokens?: BallotTokens } = {}): Promise<SeasonOnTimeSkipping> {
  const env = await startTimeSkippingServer();
  const scratch = await kind.create();
  const mailer = new RecordingMailer();
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    activities: createActivities({
      db: scratch.db,
      mailer,
      clock: { now: () => new Date() },
      publicBaseUrl: 'https://shuzhi.example',
      auditKey: TEST_AUDIT_KEY,
      ...options,
    }),
    dataConverter: TEST_DATA_CONVERTER,
    workflowBundle: await workflowBundle(),
  });
  const running = worker.run();
  const season = demoSeason();
  await importSeason(scratch.db, season, { email: DEMO.admin, channel: 'cli' }, TEST_AUDIT_KEY);
  // Started as the app does, less the search attribute the time-skipping server does not know.
  await env.client.workflow.start(seasonWorkflow, {
    workflowId: seasonWorkflowId(season.id),
    taskQueue: TASK_QUEUE,
    args: [{ seasonId: season.id, startedBy: DEMO.admin, channel: 'cli' }],
  });
  const branches = season.organization.branches.length;
  await waitUntil(async () => (await scratch.db.report.count({ where: { seasonId: season.id } })) === branches, 30_000, 'the reports');
  const reportIds = (await scratch.db.report.findMany({ where: { seasonId: season.id }, orderBy: { id: 'asc' } })).map((r) => r.id);
  return {
    env,
    scratch,
    mailer,
    seasonId: season.id,
    reportIds,
    async stop() {
      worker.shutdown();
      await running;
      await scratch.drop();
      await env.teardown();
    },
  };
}
