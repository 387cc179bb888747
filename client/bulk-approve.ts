// Leadership approves many reports at once: each is its own update (and its own audited act by
// that person), run a few at a time; each result says what happened to that report.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import type { Rating } from '../domain/vocabulary';
import type { Actor } from '../workflows/report-api';
import { reviewReport, ReportRequestError } from './report-commands';

export type ApprovalOutcome = 'approved' | 'skipped' | 'not_permitted' | 'failed';

export interface ApprovalResult {
  reportId: string;
  outcome: ApprovalOutcome;
  reason?: { 'zh-CN': string; en: string };
}

export interface BulkApproval {
  seasonId: string;
  actor: Actor;
  rating: Rating;
  comment?: string;
  /** Only these branches; otherwise every report in `reviewed`. */
  branchIds?: string[];
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

const NOT_PERMITTED = new Set(['not_reviewer', 'not_admin', 'not_secretary', 'rating_required']);

export async function bulkApprove(client: Client, db: Db, request: BulkApproval): Promise<ApprovalResult[]> {
  const reports = await db.report.findMany({
    where: {
      seasonId: request.seasonId,
      ...(request.branchIds?.length ? { branchId: { in: request.branchIds } } : { state: 'reviewed' }),
    },
    select: { id: true, state: true },
    orderBy: { branchId: 'asc' },
  });
  const results: ApprovalResult[] = [];
  let next = 0;
  const approveOne = async (report: { id: string; state: string }): Promise<ApprovalResult> => {
    if (report.state === 'approved') {
      return { reportId: report.id, outcome: 'skipped', reason: { 'zh-CN': '此前已审批', en: 'already approved' } };
    }
    try {
      await reviewReport(client, report.id, { actor: request.actor, decision: 'approve', rating: request.rating, comment: request.comment });
      return { reportId: report.id, outcome: 'approved' };
    } catch (error) {
      if (error instanceof ReportRequestError) {
        return { reportId: report.id, outcome: NOT_PERMITTED.has(error.code) ? 'not_permitted' : 'skipped', reason: error.reason };
      }
      const message = error instanceof Error ? error.message : String(error);
      return { reportId: report.id, outcome: 'failed', reason: { 'zh-CN': message, en: message } };
    }
  };
  const worker = async () => {
    while (next < reports.length) {
      const report = reports[next++];
      results.push(await approveOne(report));
      request.onProgress?.(results.length, reports.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(request.concurrency ?? 8, reports.length) }, worker));
  return results.sort((a, b) => a.reportId.localeCompare(b.reportId));
}
