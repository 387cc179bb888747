// Bulk approval goes through the reports most recently changed first (the ones the worker most
// likely still holds), and still answers in branch order.
import type { Client } from '@temporalio/client';
import { bulkApprove } from '../../app/bulk-approve';
import { importSeason } from '../../db/season-import';
import { branchIdOf, generatedSeason } from '../../bench/generated-season';
import { reportId as reportIdOf, reportWorkflowId } from '../../domain/ids';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';

/**
 * Stands in for Temporal, with an unversioned worker polling and the season's workflow unversioned:
 * records which report workflow each approval went to, in order.
 */
function recordingClient(approvedInOrder: string[]): Client {
  const getHandle = (workflowId: string) => ({
    executeUpdate: async () => {
      approvedInOrder.push(workflowId);
      return {};
    },
    describe: async () => ({ raw: { workflowExecutionInfo: {} } }),
  });
  const workerPollsNow = async () => ({ pollers: [{ lastAccessTime: { seconds: Math.floor(Date.now() / 1000) } }] });
  return {
    options: { namespace: 'default' },
    workflow: { getHandle },
    workflowService: { describeTaskQueue: workerPollsNow },
    withDeadline: <R>(_deadline: number, request: () => Promise<R>) => request(),
  } as unknown as Client;
}

describeEachDatabase('bulk approval order', (kind) => {
  let scratch: ScratchDatabase;
  const season = generatedSeason(4);
  const reportId = (i: number) => reportIdOf(season.id, branchIdOf(i));

  beforeAll(async () => {
    scratch = await kind.create();
    await importSeason(scratch.db, season, { email: 'admin@bureau.example', channel: 'system' }, TEST_AUDIT_KEY);
    await scratch.db.report.createMany({
      data: [0, 1, 2, 3].map((i) => ({
        id: reportId(i),
        seasonId: season.id,
        branchId: branchIdOf(i),
        workflowId: reportWorkflowId(season.id, branchIdOf(i)),
        secretaryEmail: `sec${i}@school.example`,
        state: i === 1 ? 'submitted' : 'reviewed',
        dueAt: new Date('2027-01-15T00:00:00Z'),
      })),
    });
    // Passed review in the order 2, 0, 3: report 3 is the most recent change.
    for (const [i, at] of [
      [2, '2027-01-10T01:00:00Z'],
      [0, '2027-01-10T02:00:00Z'],
      [3, '2027-01-10T03:00:00Z'],
    ] as const) {
      await scratch.db.report.update({ where: { id: reportId(i) }, data: { updatedAt: new Date(at) } });
    }
  });
  afterAll(() => scratch?.drop());

  test('approves the most recently reviewed report first and reports the results in branch order', async () => {
    const approvedInOrder: string[] = [];
    const results = await bulkApprove(recordingClient(approvedInOrder), scratch.db, {
      seasonId: season.id,
      actor: { email: 'pgs@bureau.example', channel: 'cli' }, // the generated season's leadership
      rating: '好',
      concurrency: 1,
    });
    expect(approvedInOrder).toEqual([3, 0, 2].map((i) => reportWorkflowId(season.id, branchIdOf(i))));
    expect(results.map((r) => [r.reportId, r.outcome])).toEqual([0, 2, 3].map((i) => [reportId(i), 'approved']));
  });
});
