// The season's fan-out and close, page by page, through the worker's own Temporal client: one
// activity starts (or signals) a page of report workflows, so the season workflow's history holds
// one activity per page instead of several events per branch.
import { Context, heartbeat } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/common';
import { TASK_QUEUE } from '../domain/constants';
import { reportWorkflowId } from '../domain/ids';
import type { branchReportWorkflow } from '../workflows/branch-report';
import type { FanOutActivities } from '../domain/activity-contract';
import { closeSignal } from '../domain/report-api';
import type { ActivityDeps } from './deps';
import { loadBranchPage } from './season-activities';

/** Requests to the server in flight at once, as the bench's baseline does. */
const CONCURRENT_REQUESTS = 50;

export function createFanOutActivities({ db }: ActivityDeps): FanOutActivities {
  return {
    /** Starts the report workflow of every branch on one page; those already started are counted, not redone. */
    async startReportPage(input) {
      const page = await loadBranchPage(db, input);
      const client = Context.current().client;
      const outcomes = await inBatches(page.branches, async (branch) => {
        try {
          await client.workflow.start<typeof branchReportWorkflow>('branchReportWorkflow', {
            workflowId: reportWorkflowId(input.seasonId, branch.id),
            taskQueue: TASK_QUEUE,
            // A branch's report workflow runs once per season, even after it has finished.
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            ...(input.build ? { versioningOverride: { pinnedTo: input.build } } : {}),
            args: [{ seasonId: input.seasonId, branchId: branch.id, seasonTitle: page.title, branchName: branch.name, timeZone: page.timeZone }],
          });
          return 'started' as const;
        } catch (error) {
          if (error instanceof WorkflowExecutionAlreadyStartedError) return 'already' as const;
          throw error;
        }
      });
      return {
        started: outcomes.filter((o) => o === 'started').length,
        alreadyRunning: outcomes.filter((o) => o === 'already').length,
        count: page.branches.length,
        lastBranchId: page.branches.at(-1)?.id,
      };
    },

    /** Tells every report workflow on one page that the season is closing. */
    async closeReportPage(input) {
      const page = await loadBranchPage(db, input);
      const client = Context.current().client;
      await inBatches(page.branches, async (branch) => {
        try {
          await client.workflow.getHandle(reportWorkflowId(input.seasonId, branch.id)).signal(closeSignal, { actor: input.actor });
        } catch (error) {
          // Already finished (or never started): there is nothing left to close.
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
      });
      return { started: 0, alreadyRunning: 0, count: page.branches.length, lastBranchId: page.branches.at(-1)?.id };
    },
  };
}

async function inBatches<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += CONCURRENT_REQUESTS) {
    results.push(...(await Promise.all(items.slice(i, i + CONCURRENT_REQUESTS).map(run))));
    heartbeat({ done: results.length });
  }
  return results;
}
