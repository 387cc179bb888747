// What the CLI (and later the web app) does for a season, free of any argument parsing.
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { importSeason, type ImportResult } from '../db/season-import';
import type { Db } from '../db/client';
import { TASK_QUEUE, SEARCH_ATTRIBUTES } from '../domain/constants';
import { seasonWorkflowId } from '../domain/ids';
import type { Channel } from '../domain/vocabulary';
import { seasonWorkflow } from '../workflows/season';
import type { SeasonFile } from '../domain/season-file';

export async function createSeason(
  db: Db,
  file: SeasonFile,
  actor: { email?: string; channel: Channel },
): Promise<ImportResult> {
  return importSeason(db, file, { email: actor.email ?? file.admins[0], channel: actor.channel });
}

export interface StartSeasonResult {
  seasonId: string;
  workflowId: string;
  alreadyStarted: boolean;
}

/** Starts the season workflow; starting a season twice is harmless (its id is fixed). */
export async function startSeason(
  client: Client,
  db: Db,
  seasonId: string,
  actor: { email?: string; channel: Channel },
): Promise<StartSeasonResult> {
  const season = await db.season.findUnique({ where: { id: seasonId } });
  if (!season) throw new UnknownSeasonError(seasonId);
  const startedBy = actor.email ?? (await firstAdmin(db, seasonId));
  const workflowId = seasonWorkflowId(seasonId);
  try {
    await client.workflow.start(seasonWorkflow, {
      workflowId,
      taskQueue: TASK_QUEUE,
      args: [{ seasonId, startedBy, channel: actor.channel }],
      typedSearchAttributes: [{ key: SEARCH_ATTRIBUTES.seasonId, value: seasonId }],
      // A season is started once; its id stays taken after the workflow has finished.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { seasonId, workflowId, alreadyStarted: false };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { seasonId, workflowId, alreadyStarted: true };
    throw error;
  }
}

export async function seasonProgress(db: Db, seasonId: string) {
  const season = await db.season.findUnique({ where: { id: seasonId } });
  if (!season) throw new UnknownSeasonError(seasonId);
  const branches = await db.roleAssignment.count({ where: { seasonId, role: 'secretary', validUntil: null } });
  const byState = await db.report.groupBy({ by: ['state'], where: { seasonId }, _count: { _all: true } });
  const mails = await db.sentMail.count({ where: { seasonId, status: 'sent' } });
  return {
    seasonId,
    title: season.title,
    status: season.status,
    dueAt: season.dueAt.toISOString(),
    branches,
    reportsByState: Object.fromEntries(byState.map((row) => [row.state, row._count._all])),
    mailsSent: mails,
  };
}

async function firstAdmin(db: Db, seasonId: string): Promise<string> {
  const admin = await db.roleAssignment.findFirst({
    where: { seasonId, role: 'admin' },
    include: { person: true },
    orderBy: { validFrom: 'asc' },
  });
  return admin?.person.email ?? 'system';
}

export class UnknownSeasonError extends Error {
  constructor(readonly seasonId: string) {
    super(`unknown season: ${seasonId}`);
    this.name = 'UnknownSeasonError';
  }
}
