// Records workflow histories for the replay tests: runs the demo season on a throwaway dev
// server with the workflow code of this checkout and writes each execution's history as JSON.
// Usage: node bin/run-ts.js test/replay/record-histories.ts <label>
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { testTools } from '../helpers/tools';
import { join } from 'node:path';
import { createActivities } from '../../activities';
import { importSeason } from '../../db/season-import';
import { TASK_QUEUE } from '../../domain/constants';
import { reportWorkflowId, seasonWorkflowId } from '../../domain/ids';
import { createWorker } from '../../worker/create-worker';
import { seasonWorkflow } from '../../workflows';
import { databaseKinds } from '../helpers/databases';
import { fixedClock, RecordingMailer } from '../helpers/fakes';
import { demoSeason } from '../helpers/seasons';
import { startDevServer, workflowBundle } from '../helpers/temporal';

async function main() {
  const label = process.argv[2];
  if (!label) throw new Error('usage: record-histories.ts <label>');
  const env = await startDevServer();
  const scratch = await databaseKinds()[0].create();
  const season = demoSeason({ dueDate: '2026-12-31' });
  await importSeason(scratch.db, season, { email: season.admins[0], channel: 'cli' });
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    activities: createActivities({ db: scratch.db, mailer: new RecordingMailer(), clock: fixedClock('2026-11-25T00:00:00Z'), publicBaseUrl: 'http://127.0.0.1:3000' }),
    workflowBundle: await workflowBundle(),
  });
  const outDir = join(__dirname, 'histories', label);
  mkdirSync(outDir, { recursive: true });
  await worker.runUntil(async () => {
    await env.client.workflow.execute(seasonWorkflow, {
      workflowId: seasonWorkflowId(season.id),
      taskQueue: TASK_QUEUE,
      args: [{ seasonId: season.id, startedBy: season.admins[0], channel: 'cli' }],
    });
    for (const branch of season.organization.branches) {
      await env.client.workflow.getHandle(reportWorkflowId(season.id, branch.id)).result();
    }
    const ids = [seasonWorkflowId(season.id), ...season.organization.branches.map((b) => reportWorkflowId(season.id, b.id))];
    for (const id of ids) {
      // The CLI's JSON is the format historyFromJSON (and so the replay test) reads.
      const json = execFileSync(testTools().temporalCli, ['workflow', 'show', '--workflow-id', id, '--address', env.address, '--output', 'json']);
      writeFileSync(join(outDir, `${id.replace(/\//g, '__')}.json`), json);
    }
  });
  await scratch.drop();
  await env.teardown();
  console.log(`wrote ${outDir}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
