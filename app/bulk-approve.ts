// Leadership approves many reports at once: each is its own update (and its own audited act by
// that person), run a few at a time; each result says what happened to that report.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import type { Rating } from '../domain/vocabulary';
import type { Actor } from '../domain/report-api';
import { reportId as reportIdOf } from '../domain/ids';
import { words, type Words } from '../domain/words';
import { runBulk, type BulkResult } from './bulk';
import { ReportRequestError, reviewReport } from './report-commands';

export type ApprovalOutcome = 'approved' | 'skipped' | 'not_permitted' | 'failed';

export interface ApprovalResult extends Omit<BulkResult, 'outcome'> {
  outcome: ApprovalOutcome;
}

export interface BulkApproval {
  seasonId: string;
  actor: Actor;
  /** The rating for every report, unless `ratings` gives that report its own. */
  rating?: Rating;
  /** Per-report ratings, by report id. */
  ratings?: Record<string, Rating>;
  comment?: string;
  /** Why reports that have not passed review are approved (a season with leadersMayApproveUnreviewed). */
  reason?: string;
  /** Only these branches; otherwise every report in `reviewed`. */
  branchIds?: string[];
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function bulkApprove(client: Client, db: Db, request: BulkApproval): Promise<ApprovalResult[]> {
  const reports = await db.report.findMany({
    where: {
      seasonId: request.seasonId,
      ...(request.branchIds?.length ? { branchId: { in: request.branchIds } } : { state: 'reviewed' }),
    },
    select: { id: true, state: true },
    // Most recently changed first: those are the workflows the worker most likely still holds, and
    // approving them before the rest approves them without replaying their history. In branch
    // order, a season larger than the worker's cache would push each report out before its turn.
    orderBy: [{ updatedAt: 'desc' }, { branchId: 'asc' }],
  });
  const notStarted = notStartedResults(request, reports);
  if (!(await mayApprove(db, request.seasonId, request.actor.email))) {
    return notPermitted(request, [...reports.map((r) => r.id), ...notStarted.map((r) => r.reportId)]);
  }
  const approvedAlready = new Set(reports.filter((r) => r.state === 'approved').map((r) => r.id));
  const results = await runBulk(
    reports.map((r) => r.id),
    async (reportId) => {
      if (approvedAlready.has(reportId)) {
        return { reportId, outcome: 'skipped', reason: { 'zh-CN': '此前已审批', en: 'already approved' }, code: 'already_approved' };
      }
      await reviewReport(client, reportId, {
        actor: request.actor,
        decision: 'approve',
        rating: request.ratings?.[reportId] ?? request.rating,
        comment: request.comment,
        reason: request.reason,
      });
    },
    request,
  );
  return [...results.map((r): ApprovalResult => ({ ...r, outcome: r.outcome === 'done' ? 'approved' : r.outcome })), ...notStarted].sort(byReportId);
}

/** Reports chosen by id across seasons, each with its own rating: one bulk approval per season (the queue page, the API). */
export async function approveChosen(
  client: Client,
  db: Db,
  actor: Actor,
  plan: { items: { reportId: string; rating?: Rating }[]; comment?: string; reason?: string },
): Promise<ApprovalResult[]> {
  const bySeason = new Map<string, { reportId: string; rating?: Rating }[]>();
  for (const item of plan.items) {
    const seasonId = item.reportId.split('/')[0] ?? '';
    bySeason.set(seasonId, [...(bySeason.get(seasonId) ?? []), item]);
  }
  const results: ApprovalResult[] = [];
  for (const [seasonId, items] of bySeason) {
    results.push(
      ...(await bulkApprove(client, db, {
        seasonId,
        actor,
        branchIds: items.map((i) => i.reportId.split('/')[1] ?? ''),
        ratings: Object.fromEntries(items.flatMap((i) => (i.rating ? [[i.reportId, i.rating]] : []))),
        comment: plan.comment,
        reason: plan.reason,
      })),
    );
  }
  return results;
}

const byReportId = (a: { reportId: string }, b: { reportId: string }) => a.reportId.localeCompare(b.reportId);

/** A branch asked for by name whose report has not started is answered, not silently left out. */
function notStartedResults(request: BulkApproval, reports: { id: string }[]): ApprovalResult[] {
  const found = new Set(reports.map((r) => r.id));
  return (request.branchIds ?? [])
    .map((branchId) => reportIdOf(request.seasonId, branchId))
    .filter((reportId) => !found.has(reportId))
    .map((reportId) => ({
      reportId,
      outcome: 'skipped',
      code: 'not_started',
      reason: words('报告还没有开始（季度未启动？）', 'the report has not started (is the season started?)'),
    }));
}

/** Every report asked for, refused; with none asked for, the refusal itself (never an empty success). */
function notPermitted(request: BulkApproval, reportIds: string[]): ApprovalResult[] {
  const reason = notLeader(request);
  if (!reportIds.length) throw new ReportRequestError('not_leader', reason);
  return reportIds.map((reportId): ApprovalResult => ({ reportId, outcome: 'not_permitted', reason, code: 'not_leader' })).sort(byReportId);
}

const notLeader = ({ seasonId, actor }: BulkApproval): Words =>
  words(
    `${actor.email} 不是述职季度 ${seasonId} 的党组领导，也没有受党组领导委托，不能审批。`,
    `${actor.email} is not in the leadership of season ${seasonId}, nor acting for someone who is, so cannot approve.`,
  );

/**
 * Whether the person is leadership in this season, or acts for leadership under a live delegation.
 * Asked once, before any report: bulk approval is leadership's act, so anyone else hears
 * not_permitted for every report, whatever state each is in (a reviewer's "approve" would
 * otherwise pass reviews, and a report already approved would read "skipped").
 */
async function mayApprove(db: Db, seasonId: string, email: string, now = Date.now()): Promise<boolean> {
  const leadership = await db.roleAssignment.findMany({
    where: { seasonId, role: { in: ['leader', 'party_group_secretary'] }, validUntil: null },
    select: { person: { select: { email: true } } },
  });
  const leaders = new Set(leadership.map((r) => r.person.email.toLowerCase()));
  if (leaders.has(email.toLowerCase())) return true;
  const delegations = await db.auditEvent.findMany({ where: { seasonId, action: 'report.delegated' }, select: { detailJson: true } });
  return delegations.some(({ detailJson }) => {
    const d = JSON.parse(detailJson) as { from?: string; to?: string; until?: string };
    return d.to?.toLowerCase() === email.toLowerCase() && leaders.has(d.from?.toLowerCase() ?? '') && Date.parse(d.until ?? '') > now;
  });
}
