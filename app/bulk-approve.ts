// Leadership approves many reports at once: each is its own update (and its own audited act by
// that person), run a few at a time; each result says what happened to that report.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import type { Rating } from '../domain/vocabulary';
import type { Actor } from '../domain/report-api';
import { runBulk, type BulkResult } from './bulk';
import { reviewReport } from './report-commands';

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
  const approvedAlready = new Set(reports.filter((r) => r.state === 'approved').map((r) => r.id));
  const results = await runBulk(
    reports.map((r) => r.id),
    async (reportId) => {
      if (approvedAlready.has(reportId)) {
        return { reportId, outcome: 'skipped', reason: { 'zh-CN': '此前已审批', en: 'already approved' } };
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
  return results.map((r) => ({ ...r, outcome: r.outcome === 'done' ? 'approved' : r.outcome }));
}
