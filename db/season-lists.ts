// The lists that `season status` and the dashboard read on every view: the reports behind schedule
// (overdue, and reviews past their due date) and a page of branches. One plain SQL statement each,
// with the branch's name joined in: as Prisma queries with a relation each cost more than the
// reading even when they found nothing, and every statement is a round trip on PostgreSQL
// (bench/README.md#what-changed-them, changes 12 and 14). The name is the season's own (its
// SeasonBranch snapshot), so a later season that renames the branch never changes this one's lists.
import { REVIEW_STATES, WRITING_STATES, type ReportState } from '../domain/vocabulary';
import type { Db } from './client';
import { sqlWordList } from './sql-text';

export interface OverdueReport {
  branchId: string;
  branchName: string;
  state: string;
  dueAt: Date;
  revisionDueAt: Date | null;
  secretaryEmail: string;
  escalatedTo: string | null;
  escalatedAt: Date | null;
}

export interface ReviewPastDue {
  branchId: string;
  branchName: string;
  reviewerEmail: string | null;
  reviewDueAt: Date;
}

export interface BranchRow {
  reportId: string;
  branchId: string;
  branchName: string;
  state: string;
  dueAt: Date;
  revisionDueAt: Date | null;
  secretaryEmail: string;
  rating: string | null;
}

const FIRST_DRAFT_STATES = WRITING_STATES.filter((state) => state !== 'revision_requested');

/**
 * Reports behind schedule, in branch order. Being written past their current due date: the
 * revision's while a revision is requested (the report's own if the revision has none), else the
 * report's. Or waiting for a review past its due date. The two sets of states do not overlap.
 */
const BEHIND = `
  SELECT r."branchId", sb."name" AS "branchName", r."state", r."dueAt", r."revisionDueAt",
         r."secretaryEmail", r."escalatedTo", r."escalatedAt", r."reviewerEmail", r."reviewDueAt"
  FROM "Report" r JOIN "SeasonBranch" sb ON sb."seasonId" = r."seasonId" AND sb."branchId" = r."branchId"
  WHERE r."seasonId" = $1
    AND ((r."state" IN (${sqlWordList(FIRST_DRAFT_STATES)}) AND r."dueAt" < $2)
      OR (r."state" = 'revision_requested' AND COALESCE(r."revisionDueAt", r."dueAt") < $2)
      OR (r."state" IN (${sqlWordList(REVIEW_STATES)}) AND r."reviewDueAt" < $2))
  ORDER BY r."branchId"`;

// The page of reports is cut before the join, so only its rows look up their branch's name. As a
// join over the whole season, PostgreSQL joined every report and then sorted whenever its
// statistics were stale (a season's reports are all new), and the page grew with the season.
const BRANCH_PAGE = `
  SELECT r."id" AS "reportId", r."branchId", sb."name" AS "branchName", r."state", r."dueAt",
         r."revisionDueAt", r."secretaryEmail", r."rating"
  FROM (SELECT "id", "seasonId", "branchId", "state", "dueAt", "revisionDueAt", "secretaryEmail", "rating" FROM "Report"
        WHERE "seasonId" = $1 ORDER BY "branchId" LIMIT $2 OFFSET $3) r
  JOIN "SeasonBranch" sb ON sb."seasonId" = r."seasonId" AND sb."branchId" = r."branchId"
  ORDER BY r."branchId"`;

/** A season's reports behind schedule at one moment. */
export interface ReportsBehind {
  overdue: OverdueReport[];
  reviewsPastDue: ReviewPastDue[];
}

/** The season's overdue reports and its reviews past due at `now`, from one statement. */
export async function reportsBehind(db: Db, seasonId: string, now: Date): Promise<ReportsBehind> {
  const rows = await db.$queryRawUnsafe<(OverdueReport & { reviewerEmail: string | null; reviewDueAt: Date | null })[]>(BEHIND, seasonId, now);
  const overdue: OverdueReport[] = [];
  const reviewsPastDue: ReviewPastDue[] = [];
  for (const { reviewerEmail, reviewDueAt, ...report } of rows) {
    if (REVIEW_STATES.includes(report.state as ReportState)) {
      reviewsPastDue.push({ branchId: report.branchId, branchName: report.branchName, reviewerEmail, reviewDueAt: reviewDueAt as Date });
    } else overdue.push(report);
  }
  return { overdue, reviewsPastDue };
}

/** The season's reports in branch order, `size` from `offset` on. */
export const branchPage = (db: Db, seasonId: string, offset: number, size: number) => db.$queryRawUnsafe<BranchRow[]>(BRANCH_PAGE, seasonId, size, offset);
