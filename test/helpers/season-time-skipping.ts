// The demo season running on the time-skipping server with a worker and a scratch database: its
// three reports assigned, ready for a test to act on (the meeting's and rectification's tests).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { BallotTokens } from '../../config/ballot-tokens';
import { importSeason } from '../../db/season-import';
import { TASK_QUEUE } from '../../domain/constants';
import { seasonWorkflowId } from '../../domain/ids';
import { seasonWorkflow } from '../../workflows';
import { TEST_AUDIT_KEY } from './audit-key';
import type { DatabaseKind, ScratchDatabase } from './databases';
import { RecordingMailer } from './fakes';
import { DEMO, demoSeason } from './seasons';
import { startTimeSkippingServer } from './temporal';
import { startTestWorker } from './test-worker';
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
  const worker = await startTestWorker(env, { db: scratch.db, mailer, ...options });
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
      await worker.stop();
      await scratch.drop();
      await env.teardown();
    },
  };
}
