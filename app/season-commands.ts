// What the CLI (and later the web app) does for a season, free of any argument parsing.
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { AuditKey } from '../config/audit-key';
import { importSeason, type ImportResult } from '../db/season-import';
import type { Db, Season } from '../db/client';
import { seasonCounts, type SeasonCounts } from '../db/season-counts';
import { seasonRow } from '../db/seasons';
import { reportsBehind, type ReportsBehind } from '../db/season-lists';
import { writingDue } from '../domain/report-steps';
import { TASK_QUEUE, SEARCH_ATTRIBUTES } from '../domain/constants';
import { seasonWorkflowId } from '../domain/ids';
import type { Channel } from '../domain/vocabulary';
import { seasonWorkflow } from '../workflows/season';
import { assertSeasonAdmin } from './season-access';
import { checkParent } from './season-levels';
import { assertWorkerRunning, waitForWorker, withRunningWorker, workerGoneWhileClosing } from './worker-presence';
import type { SeasonFile } from '../domain/season-file';
import type { SeasonSummary } from '../domain/activity-contract';
import type { Actor } from '../domain/report-api';
import { closeSeasonSignal, seasonProgressQuery, type SeasonProgress } from '../domain/season-api';

export async function createSeason(db: Db, file: SeasonFile, actor: { email?: string; channel: Channel }, auditKey: AuditKey): Promise<ImportResult> {
  // A season file names at least one admin (domain/season-file.ts); the first creates it by default.
  const email = actor.email ?? file.admins[0];
  if (!email) throw new Error(`season ${file.id} names no admin to create it`);
  // A season under another is created by someone the parent knows, never by the file's say-so.
  if (file.parent) await checkParent(db, file.parent, file.id, actor.email);
  return importSeason(db, file, { email, channel: actor.channel }, auditKey);
}

export interface StartSeasonResult {
  seasonId: string;
  workflowId: string;
  alreadyStarted: boolean;
}

/** Starts the season workflow; starting a season twice is harmless (its id is fixed). */
export async function startSeason(client: Client, db: Db, seasonId: string, actor: { email?: string; channel: Channel }): Promise<StartSeasonResult> {
  await findSeason(db, seasonId);
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

/** Waits until the season workflow has started every branch's report workflow. */
/** How long `season start --wait` waits for a worker to appear before it says none is running. */
const WORKER_START_PATIENCE_MS = 60_000;

export async function waitForFanOut(
  client: Client,
  db: Db,
  seasonId: string,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<SeasonProgress> {
  const total = await db.roleAssignment.count({ where: { seasonId, role: 'secretary', validUntil: null } });
  const handle = client.workflow.getHandle(seasonWorkflowId(seasonId));
  // A worker started just before (npm start's, a test's) polls once its workflows are bundled.
  await waitForWorker(client, WORKER_START_PATIENCE_MS);
  for (;;) {
    // The read model fills as each report workflow records its assignment; the season workflow is
    // asked only once it looks complete, so progress polling adds no load to a busy server.
    const assigned = await db.report.count({ where: { seasonId } });
    onProgress(assigned, total);
    // Without a worker nothing would ever be assigned: waiting would never end.
    await assertWorkerRunning(client);
    if (assigned >= total) {
      const progress = await queryProgress(client, handle);
      if (progress.fanOutDone) return progress;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function queryProgress(client: Client, handle: ReturnType<Client['workflow']['getHandle']>): Promise<SeasonProgress> {
  const description = await handle.describe();
  if (description.status.name !== 'RUNNING') {
    // Seasons started before batched fan-out completed once every branch was started.
    const result = (await handle.result()) as { started: number; alreadyRunning: number };
    return { started: result.started ?? 0, alreadyRunning: result.alreadyRunning ?? 0, fanOutDone: true };
  }
  return withRunningWorker(client, () => handle.query(seasonProgressQuery));
}

/** A season admin closes the season: every report is settled, then the summary is written. */
export async function closeSeason(client: Client, db: Db, seasonId: string, actor: Actor): Promise<void> {
  await findSeason(db, seasonId);
  await assertSeasonAdmin(db, seasonId, actor, { 'zh-CN': '结束本季度', en: 'close it' });
  await assertWorkerRunning(client, Date.now(), seasonId);
  await client.workflow.getHandle(seasonWorkflowId(seasonId)).signal(closeSeasonSignal, { actor });
}

/** Waits for the season's summary; says so, rather than waiting on, when the worker stops meanwhile. */
export async function waitForClose(client: Client, seasonId: string, checkEveryMs = 5_000): Promise<SeasonSummary> {
  const closed = client.workflow.getHandle(seasonWorkflowId(seasonId)).result() as Promise<SeasonSummary>;
  closed.catch(() => undefined); // when we stop waiting, its later failure is nobody's to hear
  for (;;) {
    const done = await Promise.race([closed, new Promise<undefined>((resolve) => setTimeout(resolve, checkEveryMs, undefined))]);
    if (done) return done;
    await assertWorkerRunning(client).catch(() => {
      throw workerGoneWhileClosing(seasonId);
    });
  }
}

/** The season at a glance, from the read model: its counts in one statement, the reports behind schedule in another, the season row beside them, all at once. */
export async function seasonStatus(db: Db, seasonId: string, now = new Date()) {
  const [season, counts, behind] = await Promise.all([findSeason(db, seasonId), seasonCounts(db, seasonId), reportsBehind(db, seasonId, now)]);
  return statusOf(season, counts, behind, now);
}

/** The status and the dashboard's progress chart, whose counts come in the status's counting statement. */
export async function seasonStatusWithProgress(db: Db, seasonId: string, now = new Date()) {
  const [season, counts, behind] = await Promise.all([
    findSeason(db, seasonId),
    seasonCounts(db, seasonId, { progress: true }),
    reportsBehind(db, seasonId, now),
  ]);
  return { status: statusOf(season, counts, behind, now), progress: counts.progress };
}

function statusOf(season: Season, counts: SeasonCounts, { overdue, reviewsPastDue }: ReportsBehind, now: Date) {
  const days = (from: Date) => Math.floor((now.getTime() - from.getTime()) / 86_400_000);
  return {
    seasonId: season.id,
    title: season.title,
    status: season.status,
    dueAt: season.dueAt.toISOString(),
    timeZone: season.timeZone,
    branches: counts.branches,
    reportsByState: counts.reportsByState,
    overdue: overdue.map((r) => {
      const due = writingDue(r);
      return {
        branchId: r.branchId,
        branchName: r.branchName,
        state: r.state,
        dueAt: due.toISOString(),
        daysOverdue: days(due),
        secretaryEmail: r.secretaryEmail,
        told: r.escalatedTo ? { who: r.escalatedTo, at: r.escalatedAt?.toISOString() } : null,
      };
    }),
    reviewsPastSla: reviewsPastDue.map((r) => ({
      branchId: r.branchId,
      branchName: r.branchName,
      reviewerEmail: r.reviewerEmail,
      reviewDueAt: r.reviewDueAt.toISOString(),
      daysLate: days(r.reviewDueAt),
    })),
    ratings: counts.ratings,
    mailsSent: counts.mailsSent,
    summary: season.summaryJson ? (JSON.parse(season.summaryJson) as SeasonSummary) : undefined,
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

/** The season row, or a clear error naming the season. */
export async function findSeason(db: Db, seasonId: string): Promise<Season> {
  const season = await seasonRow(db, seasonId);
  if (!season) throw new UnknownSeasonError(seasonId);
  return season;
}

export class UnknownSeasonError extends Error {
  constructor(readonly seasonId: string) {
    super(`unknown season: ${seasonId}`);
    this.name = 'UnknownSeasonError';
  }
}
