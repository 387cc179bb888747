// One workflow per season: starts a report workflow for every participating branch, in pages
// (continuing as new so its history stays small at 10,000 branches), then waits for the close,
// passes it on to every report and writes the season's summary.
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Channel } from '../domain/vocabulary';
import type { SeasonSummary } from '../domain/activity-contract';
import { fanOutActivities, recordActivities, summaryActivities } from './activity-stubs';
import type { Actor } from '../domain/report-api';
import { closeSeasonSignal, seasonProgressQuery, type SeasonProgress } from '../domain/season-api';

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

export async function seasonWorkflow(input: SeasonInput): Promise<SeasonSummary> {
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
    // The season's reports run on the season's build, whichever build is current by then.
    // An unversioned worker reports a build id with no deployment: nothing to pin to then.
    const version = workflowInfo().currentDeploymentVersion;
    const build = version?.deploymentName ? { deploymentName: version.deploymentName, buildId: version.buildId } : undefined;
    const page = await fanOutActivities.startReportPage({ seasonId: input.seasonId, afterBranchId: state.cursor, limit: pageSize, build });
    state.started += page.started;
    state.alreadyRunning += page.alreadyRunning;
    advance(state, page.lastBranchId, page.count < pageSize, 'fanOut');
    await continueIfLong();
  }

  await condition(() => state.closedBy !== undefined);
  const closedBy = state.closedBy as Actor;
  state.closing ??= { told: 0, done: false };
  while (!state.closing.done) {
    const page = await fanOutActivities.closeReportPage({ seasonId: input.seasonId, afterBranchId: state.cursor, limit: pageSize, actor: closedBy });
    state.closing.told += page.count;
    advance(state, page.lastBranchId, page.count < pageSize, 'closing');
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
