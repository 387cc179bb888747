// Changes in the middle of a season: a branch added, due dates moved for many branches, a
// reviewer's or leader's queue handed to someone for a while. Each is recorded.
import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { appendAuditEvent } from '../db/audit';
import type { AuditKey } from '../config/audit-key';
import { grantSeasonRole, upsertBranchOrganization } from '../db/season-import';
import type { Db } from '../db/client';
import { TASK_QUEUE } from '../domain/constants';
import { reportWorkflowId } from '../domain/ids';
import type { SeasonFileBranch } from '../domain/season-file';
import { writingDue } from '../domain/report-steps';
import { WRITING_STATES } from '../domain/vocabulary';
import { branchReportWorkflow } from '../workflows';
import type { Actor } from '../domain/report-api';
import { runBulk, type BulkResult } from './bulk';
import { delegateReport, extendReport, ReportRequestError } from './report-commands';
import { words } from '../domain/words';
import { assertSeasonAdmin } from './season-access';
import { findSeason } from './season-commands';
import { seasonBuild } from './season-build';

/** Adds a branch (and its people) to a running season and starts its report workflow. */
export async function addBranch(
  client: Client,
  db: Db,
  seasonId: string,
  branch: SeasonFileBranch & { secretaryName?: string },
  actor: Actor,
  auditKey: AuditKey,
): Promise<string> {
  const season = await findSeason(db, seasonId);
  await assertSeasonAdmin(db, seasonId, actor, { 'zh-CN': '增加支部', en: 'add a branch' });
  await db.$transaction(async (tx) => {
    await upsertBranchOrganization(tx, seasonId, season.rootOrganizationId, branch);
    const roles: [string, string | undefined, string | undefined][] = [
      ['secretary', branch.secretary, branch.secretaryName],
      ['liaison', branch.liaison, undefined],
      ['reviewer', branch.reviewer, undefined],
    ];
    for (const [role, email, name] of roles) {
      if (!email) continue;
      const address = email.toLowerCase();
      const person = await tx.person.upsert({ where: { email: address }, create: { email: address, name: name ?? address }, update: {} });
      await grantSeasonRole(tx, { seasonId, organizationId: branch.id, role, personId: person.id, email: address, personName: person.name });
    }
    await appendAuditEvent(tx, auditKey, {
      key: `season/${seasonId}/branch-added/${branch.id}`,
      occurredAt: new Date().toISOString(),
      actorEmail: actor.email,
      action: 'season.branch_added',
      channel: actor.channel,
      seasonId,
      detail: { ...branch },
    });
  });
  const workflowId = reportWorkflowId(seasonId, branch.id);
  const build = await seasonBuild(client, seasonId);
  await client.workflow.start(branchReportWorkflow, {
    workflowId,
    taskQueue: TASK_QUEUE,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    ...(build ? { versioningOverride: { pinnedTo: build } } : {}),
    args: [{ seasonId, branchId: branch.id, seasonTitle: season.title, branchName: branch.name, timeZone: season.timeZone }],
  });
  return workflowId;
}

/** Moves the due date of every report still being written (or only of the given branches). */
export async function extendSeason(
  client: Client,
  db: Db,
  request: { seasonId: string; until: Date; actor: Actor; branchIds?: string[]; onProgress?: (done: number, total: number) => void },
): Promise<BulkResult[]> {
  // Its reports' workflows have ended: "0 extended" would read as if there were nothing to extend.
  const season = await db.season.findUnique({ where: { id: request.seasonId }, select: { status: true } });
  if (season?.status === 'closed') {
    throw new ReportRequestError('season_closed', words('该季度已结束，不能再延期。', 'The season has closed: its due date cannot be extended.'));
  }
  const reports = await db.report.findMany({
    where: { seasonId: request.seasonId, ...(request.branchIds?.length ? { branchId: { in: request.branchIds } } : { state: { in: [...WRITING_STATES] } }) },
    select: { id: true, state: true, dueAt: true, revisionDueAt: true },
    orderBy: { branchId: 'asc' },
  });
  const dueLater = new Set(reports.filter((r) => writingDue(r) >= request.until).map((r) => r.id));
  return runBulk(
    reports.map((r) => r.id),
    async (reportId) => {
      // A season-wide extension gives time; a report already given more keeps it.
      if (dueLater.has(reportId)) return { reportId, outcome: 'skipped', reason: ALREADY_DUE_LATER, code: 'already_due_later' };
      await extendReport(client, reportId, request.actor, request.until);
    },
    request,
  );
}

const ALREADY_DUE_LATER = { 'zh-CN': '截止日期本已晚于所选日期，未作改动', en: 'already due later than that; left as it is' };

/**
 * Hands someone's reviewing (or, for a leader, approving) to another person until a date: every
 * report that person reviews, or every report of the season for a leader, is told.
 */
export async function delegateQueue(
  client: Client,
  db: Db,
  request: { seasonId: string; from: string; to: string; until: Date; actor: Actor; onProgress?: (done: number, total: number) => void },
): Promise<BulkResult[]> {
  const from = request.from.toLowerCase();
  const leader = await db.roleAssignment.findFirst({ where: { seasonId: request.seasonId, role: 'leader', validUntil: null, person: { email: from } } });
  const reports = await db.report.findMany({
    where: { seasonId: request.seasonId, ...(leader ? {} : { reviewerEmail: from }) },
    select: { id: true },
    orderBy: { branchId: 'asc' },
  });
  return runBulk(
    reports.map((r) => r.id),
    (reportId) => delegateReport(client, reportId, request.actor, from, request.to.toLowerCase(), request.until).then(() => undefined),
    request,
  );
}
