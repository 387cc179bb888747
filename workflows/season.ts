// One workflow per season: starts a report workflow for every participating branch.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { ParentClosePolicy, startChild, workflowInfo } from '@temporalio/workflow';
import { TASK_QUEUE } from '../domain/constants';
import { reportWorkflowId } from '../domain/ids';
import type { Channel } from '../domain/vocabulary';
import { recordActivities } from './activity-stubs';
import { branchReportWorkflow } from './branch-report';

export interface SeasonInput {
  seasonId: string;
  startedBy: string;
  channel: Channel;
}

export interface SeasonStartSummary {
  started: number;
  alreadyRunning: number;
}

export async function seasonWorkflow({ seasonId, startedBy, channel }: SeasonInput): Promise<SeasonStartSummary> {
  await recordActivities.markSeasonStarted({
    key: `${workflowInfo().workflowId}/started`,
    occurredAt: new Date(workflowInfo().startTime).toISOString(),
    actorEmail: startedBy,
    action: 'season.started',
    channel,
    seasonId,
  });
  const plan = await recordActivities.loadSeasonPlan(seasonId);
  const summary: SeasonStartSummary = { started: 0, alreadyRunning: 0 };
  for (const branch of plan.branches) {
    try {
      await startChild(branchReportWorkflow, {
        workflowId: reportWorkflowId(seasonId, branch.id),
        taskQueue: TASK_QUEUE,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        // A branch's report workflow runs once per season, even after it has finished.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [
          {
            seasonId,
            branchId: branch.id,
            seasonTitle: plan.title,
            branchName: branch.name,
            timeZone: plan.timeZone,
          },
        ],
      });
      summary.started += 1;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      summary.alreadyRunning += 1;
    }
  }
  return summary;
}
