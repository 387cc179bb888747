// `audit verify` with no worker running: a running report workflow cannot answer its query, so
// verify waits a bounded time, names it as not checked and never calls the record intact.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { verifySeasonRecord } from '../../app/audit-witness';
import { TASK_QUEUE } from '../../domain/constants';
import { reportWorkflowId } from '../../domain/ids';
import { importSeason } from '../../db/season-import';
import { branchReportWorkflow } from '../../workflows';
import { TEST_AUDIT_KEY, TEST_AUDIT_KEYRING } from '../helpers/audit-key';
import { databaseKinds, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';
import { startDevServer } from '../helpers/temporal';
import { waitUntil } from '../helpers/wait';

let env: TestWorkflowEnvironment;
let scratch: ScratchDatabase;
beforeAll(async () => {
  [env, scratch] = await Promise.all([startDevServer(), (databaseKinds()[0] as ReturnType<typeof databaseKinds>[number]).create()]);
});
afterAll(async () => {
  await scratch?.drop();
  await env?.teardown();
});

test('with no worker, verify waits a bounded time and reports the workflow as not checked, not as intact', async () => {
  const season = demoSeason();
  await importSeason(scratch.db, season, { email: 'zuzhi@bureau.example', channel: 'cli' }, TEST_AUDIT_KEY);
  const branchId = season.organization.branches[0]?.id as string;
  const workflowId = reportWorkflowId(season.id, branchId);
  await env.client.workflow.start(branchReportWorkflow, {
    workflowId,
    taskQueue: `${TASK_QUEUE}-nobody-polls`,
    args: [{ seasonId: season.id, branchId, seasonTitle: season.title, branchName: '支部', timeZone: season.timeZone }],
  });

  // Verify finds workflows through Temporal's visibility too, which lists a new one a moment later.
  await waitUntil(
    async () => {
      for await (const execution of env.client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) if (execution.workflowId === workflowId) return true;
      return false;
    },
    30_000,
    'the workflow to be listed',
  );

  const result = await verifySeasonRecord(scratch.db, env.client, TEST_AUDIT_KEYRING, season.id, { queryPatienceMs: 2_000 });
  expect(result).toMatchObject({ ok: false, problems: [], witnessed: 0 });
  expect(result.unchecked).toEqual([{ 'zh-CN': expect.stringContaining(workflowId), en: expect.stringContaining('no answer within 2 s') }]);
});
