// One request per report, a few in flight at once, each with its own outcome: the shape of every
// season-wide action (approve, extend, delegate).
import { WorkflowNotFoundError } from '@temporalio/client';
import { words } from '../domain/words';
import { ReportRequestError } from './report-commands';

/**
 * A report whose workflow ended while the request was on its way (the season closed under a bulk
 * approval): Temporal says so in its own English, the person hears it in theirs.
 */
const ended = (error: unknown) =>
  error instanceof WorkflowNotFoundError || (error instanceof Error && /already completed|aborted by closing workflow/i.test(error.message));
const REPORT_ENDED = words(
  '未执行：该报告的流程已结束（季度已结束或报告已办结）。',
  'Not done: the report’s workflow has ended (the season was closed, or the report settled).',
);

export type BulkOutcome = 'done' | 'skipped' | 'not_permitted' | 'failed';

export interface BulkResult {
  reportId: string;
  outcome: BulkOutcome;
  reason?: { 'zh-CN': string; en: string };
  /** Why, for a program: the refusal's code (e.g. wrong_state, not_leader, already_approved). */
  code?: string;
}

const NOT_PERMITTED = new Set(['not_permitted', 'not_reviewer', 'not_admin', 'not_secretary', 'rating_required', 'own_report', 'not_leader']);

export async function runBulk(
  reportIds: string[],
  act: (reportId: string) => Promise<BulkResult | void>,
  options: { concurrency?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  let next = 0;
  const one = async (reportId: string): Promise<BulkResult> => {
    try {
      return (await act(reportId)) ?? { reportId, outcome: 'done' };
    } catch (error) {
      if (error instanceof ReportRequestError) {
        return { reportId, outcome: NOT_PERMITTED.has(error.code) ? 'not_permitted' : 'skipped', reason: error.reason, code: error.code };
      }
      if (ended(error)) return { reportId, outcome: 'skipped', reason: REPORT_ENDED, code: 'report_ended' };
      const message = error instanceof Error ? error.message : String(error);
      return { reportId, outcome: 'failed', reason: { 'zh-CN': message, en: message } };
    }
  };
  const worker = async () => {
    for (let id = reportIds[next++]; id !== undefined; id = reportIds[next++]) {
      results.push(await one(id));
      options.onProgress?.(results.length, reportIds.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, reportIds.length) }, worker));
  return results.sort((a, b) => a.reportId.localeCompare(b.reportId));
}
