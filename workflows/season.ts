// One workflow per season: starts a report workflow for every participating branch, in pages
// (continuing as new so its history stays small at 10,000 branches), then waits for the close,
// passes it on to every report and writes the season's summary.
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { TASK_QUEUE } from '../domain/constants';
import { reportWorkflowId } from '../domain/ids';
import type { Channel } from '../domain/vocabulary';
import type { SeasonSummary } from '../activities/season-activities';
import { fanOutActivities, recordActivities, summaryActivities } from './activity-stubs';
import { branchReportWorkflow } from './branch-report';
import { closeSignal, type Actor } from './report-api';
import { closeSeasonSignal, seasonProgressQuery, type SeasonProgress } from './season-api';

export interface SeasonInput {
  seasonId: string;
  startedBy: string;
  channel: Channel;
  /** Carried across continue-as-new. */
  carried?: SeasonCarried;
  /** Branches per page (default 200); tests set it low. */
  pageSize?: number;
  /** Continue as new past this many history events (default 5,000). */
  maxHistoryEvents?: number;
}

interface SeasonCarried extends SeasonProgress {
  /** The last branch id handled by the fan-out (or the close), for the next page. */
  cursor?: string;
  closedBy?: Actor;
}

export interface SeasonStartSummary {
  started: number;
  alreadyRunning: number;
}

/** Season workflows before this patch started every branch at once and then completed. */
export const BATCHED_FAN_OUT_PATCH = 'season-batched-fan-out';

/** Season workflows before this patch started report workflows as children and signalled them one by one. */
export const FAN_OUT_BY_ACTIVITY_PATCH = 'season-fan-out-by-activity';

export async function seasonWorkflow(input: SeasonInput): Promise<SeasonStartSummary | SeasonSummary> {
  // Handlers first, so a query or the close arriving during the first activity is answered.
  const state: SeasonCarried = input.carried ?? { started: 0, alreadyRunning: 0, fanOutDone: false };
  setHandler(seasonProgressQuery, () => ({
    started: state.started,
    alreadyRunning: state.alreadyRunning,
    fanOutDone: state.fanOutDone,
    closing: state.closing,
  }));
  setHandler(closeSeasonSignal, ({ actor }) => {
    state.closedBy ??= actor;
  });
  if (!input.carried) {
    await recordActivities.markSeasonStarted({
      key: `${workflowInfo().workflowId}/started`,
      occurredAt: new Date(workflowInfo().startTime).toISOString(),
      actorEmail: input.startedBy,
      action: 'season.started',
      channel: input.channel,
      seasonId: input.seasonId,
    });
    if (!patched(BATCHED_FAN_OUT_PATCH)) return startAllAtOnce(input.seasonId);
  }
  const pageSize = input.pageSize ?? 200;
  const continueIfLong = async () => {
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > (input.maxHistoryEvents ?? 5_000)) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof seasonWorkflow>({ ...input, carried: state });
    }
  };

  while (!state.fanOutDone) {
    if (patched(FAN_OUT_BY_ACTIVITY_PATCH)) {
      const page = await fanOutActivities.startReportPage({ seasonId: input.seasonId, afterBranchId: state.cursor, limit: pageSize });
      state.started += page.started;
      state.alreadyRunning += page.alreadyRunning;
      advance(state, page.lastBranchId, page.count < pageSize, 'fanOut');
    } else {
      await startPageAsChildren(input.seasonId, state, pageSize);
    }
    await continueIfLong();
  }

  await condition(() => state.closedBy !== undefined);
  const closedBy = state.closedBy as Actor;
  state.closing ??= { told: 0, done: false };
  while (!state.closing.done) {
    if (patched(FAN_OUT_BY_ACTIVITY_PATCH)) {
      const page = await fanOutActivities.closeReportPage({ seasonId: input.seasonId, afterBranchId: state.cursor, limit: pageSize, actor: closedBy });
      state.closing.told += page.count;
      advance(state, page.lastBranchId, page.count < pageSize, 'closing');
    } else {
      await closePageOneByOne(input.seasonId, state, pageSize, closedBy);
    }
    await continueIfLong();
  }
  return summaryActivities.closeSeasonRecord({
    seasonId: input.seasonId,
    event: {
      key: `${workflowInfo().workflowId}/closed`,
      occurredAt: new Date(Date.now()).toISOString(),
      actorEmail: closedBy.email,
      action: 'season.closed',
      channel: closedBy.channel,
      seasonId: input.seasonId,
    },
  });
}

/** Moves the page cursor on; after the last page, marks that stage done and resets the cursor. */
function advance(state: SeasonCarried, lastBranchId: string | undefined, wasLastPage: boolean, stage: 'fanOut' | 'closing'): void {
  state.cursor = lastBranchId ?? state.cursor;
  if (!wasLastPage) return;
  if (stage === 'fanOut') {
    state.fanOutDone = true;
    state.cursor = undefined;
  } else if (state.closing) state.closing.done = true;
}

/** The fan-out before FAN_OUT_BY_ACTIVITY_PATCH: one child workflow per branch. */
async function startPageAsChildren(seasonId: string, state: SeasonCarried, pageSize: number): Promise<void> {
  const page = await recordActivities.loadBranchPage({ seasonId, afterBranchId: state.cursor, limit: pageSize });
  const results = await Promise.all(
    page.branches.map((branch) =>
      startReport(seasonId, branch, page.title, page.timeZone).then(
        () => 'started' as const,
        (error: unknown) => {
          if (error instanceof WorkflowExecutionAlreadyStartedError) return 'already' as const;
          throw error;
        },
      ),
    ),
  );
  state.started += results.filter((r) => r === 'started').length;
  state.alreadyRunning += results.filter((r) => r === 'already').length;
  advance(state, page.branches.at(-1)?.id, page.branches.length < pageSize, 'fanOut');
}

/** The close before FAN_OUT_BY_ACTIVITY_PATCH: one external signal per branch. */
async function closePageOneByOne(seasonId: string, state: SeasonCarried, pageSize: number, closedBy: Actor): Promise<void> {
  const page = await recordActivities.loadBranchPage({ seasonId, afterBranchId: state.cursor, limit: pageSize });
  await Promise.all(page.branches.map((branch) => tellReportToClose(seasonId, branch.id, closedBy)));
  if (state.closing) state.closing.told += page.branches.length;
  advance(state, page.branches.at(-1)?.id, page.branches.length < pageSize, 'closing');
}

function startReport(seasonId: string, branch: { id: string; name: string }, seasonTitle: string, timeZone: string) {
  return startChild(branchReportWorkflow, {
    workflowId: reportWorkflowId(seasonId, branch.id),
    taskQueue: TASK_QUEUE,
    // Report workflows outlive this one's runs (continue-as-new) and its close.
    parentClosePolicy: ParentClosePolicy.ABANDON,
    // A branch's report workflow runs once per season, even after it has finished.
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: [{ seasonId, branchId: branch.id, seasonTitle, branchName: branch.name, timeZone }],
  });
}

async function tellReportToClose(seasonId: string, branchId: string, actor: Actor): Promise<void> {
  try {
    await getExternalWorkflowHandle(reportWorkflowId(seasonId, branchId)).signal(closeSignal, { actor });
  } catch {
    // Already finished (or never started): there is nothing left to close.
  }
}

/** The first version's fan-out, kept so executions started by it replay unchanged. */
async function startAllAtOnce(seasonId: string): Promise<SeasonStartSummary> {
  const plan = await recordActivities.loadSeasonPlan(seasonId);
  const summary: SeasonStartSummary = { started: 0, alreadyRunning: 0 };
  for (const branch of plan.branches) {
    try {
      await startReport(seasonId, branch, plan.title, plan.timeZone);
      summary.started += 1;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      summary.alreadyRunning += 1;
    }
  }
  return summary;
}
