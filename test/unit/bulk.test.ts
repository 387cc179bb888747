// A season-wide action's outcome per report, as the results page and `season approve` list it.
import { WorkflowNotFoundError } from '@temporalio/client';
import { runBulk } from '../../app/bulk';

describe('each report of a bulk action has an outcome in words', () => {
  test("a report whose workflow ended under the request (the season closed) is skipped, said in the person's words", async () => {
    const results = await runBulk(['s/a', 's/b', 's/c'], async (reportId) => {
      if (reportId === 's/a') throw new WorkflowNotFoundError('workflow execution already completed', reportId, undefined);
      if (reportId === 's/b') throw new Error('workflow update was aborted by closing workflow');
      return undefined;
    });
    expect(results.map((r) => [r.reportId, r.outcome, r.code, r.reason?.['zh-CN']])).toEqual([
      ['s/a', 'skipped', 'report_ended', '未执行：该报告的流程已结束（季度已结束或报告已办结）。'],
      ['s/b', 'skipped', 'report_ended', '未执行：该报告的流程已结束（季度已结束或报告已办结）。'],
      ['s/c', 'done', undefined, undefined],
    ]);
  });

  test('anything else unforeseen is a failure that keeps its message, for the log and the admin', async () => {
    const [result] = await runBulk(['s/a'], async () => {
      throw new Error('connection reset');
    });
    expect(result).toMatchObject({ outcome: 'failed', reason: { en: 'connection reset' } });
  });
});
