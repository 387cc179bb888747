// A request that arrives with the report's start (Temporal's update-with-start delivers it in the
// very first workflow task, before the assignment is recorded) waits for the assignment and is
// then carried out, instead of being refused for want of a handler. Found by the fault suite,
// where a secretary saved a draft as the season started. The dev server: the time-skipping server
// does not take update-with-start.
import { WithStartWorkflowOperation } from '@temporalio/client';
import { storeReportContent } from '../../app/report-commands';
import { TASK_QUEUE } from '../../domain/constants';
import { reportWorkflowId } from '../../domain/ids';
import { measureReport } from '../../domain/report-limits';
import { branchReportWorkflow } from '../../workflows';
import { saveDraftUpdate } from '../../domain/report-api';
import { as, PEOPLE, ReportHarness } from '../helpers/report-harness';

const h = new ReportHarness('dev');
beforeAll(() => h.start());
afterAll(() => h.stop());

test('a draft saved in the same moment the report starts is recorded after its assignment', async () => {
  const { seasonId } = await h.startReport(); // a season to start a second report in
  const workflowId = reportWorkflowId(seasonId, 'school') + '-again';
  const text = '## 一、主要工作\n草稿';
  const start = new WithStartWorkflowOperation(branchReportWorkflow, {
    workflowId,
    taskQueue: TASK_QUEUE,
    workflowIdConflictPolicy: 'FAIL',
    args: [{ seasonId, branchId: 'school', seasonTitle: '测试', branchName: '实验小学党支部', timeZone: 'Asia/Shanghai' }],
  });
  const contentHash = await storeReportContent(h.db, text);
  const saved = await h.client.workflow.executeUpdateWithStart(saveDraftUpdate, {
    args: [{ actor: as(PEOPLE.secretary), contentHash, size: measureReport(text) }],
    startWorkflowOperation: start,
  });
  expect(saved.versionNumber).toBeGreaterThan(0);
  const history = await (await start.workflowHandle()).fetchHistory();
  const firstTask = history.events?.findIndex((e) => e.workflowTaskCompletedEventAttributes) ?? -1;
  const accepted = history.events?.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? -1;
  expect(accepted).toBeGreaterThan(firstTask); // it did come with the start, and was taken
});
