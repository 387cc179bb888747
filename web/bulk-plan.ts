// What a leader asked for in the bulk approval form: the reports ticked, each with its rating.
// A rating chosen on a report's own row wins; the rating for all fills only the rows left without
// one; nothing is ever chosen for the leader, so a row with neither has no rating, and is refused
// (never approved with a default the leader did not pick).
import type { Db } from '../db/client';
import { RATINGS, type Rating } from '../domain/vocabulary';
import { reviewableReports, type Reach } from './access';

export type BulkForm = Record<string, string | string[] | undefined>;

/** The form's field for the rating every report gets unless its row has one. */
export const RATING_FOR_ALL = 'ratingForAll';
/** The form's field for one report's own rating. */
export const rowRatingField = (reportId: string) => `rating:${reportId}`;

export interface ApprovalPlan {
  items: { reportId: string; rating?: Rating }[];
  comment?: string;
}

const asList = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const asRating = (value: unknown) => ((RATINGS as readonly unknown[]).includes(value) ? (value as Rating) : undefined);

export function approvalPlan(form: BulkForm): ApprovalPlan {
  const forAll = asRating(form[RATING_FOR_ALL]);
  return {
    items: [...new Set(asList(form.reportId))].map((reportId) => ({ reportId, rating: asRating(form[rowRatingField(reportId)]) ?? forAll })),
    comment: typeof form.comment === 'string' && form.comment ? form.comment : undefined,
  };
}

/** A planned approval as the leader reads it: the branch by name, in its season. */
export interface PlannedReport {
  reportId: string;
  branchId: string;
  branchName: string;
  seasonTitle: string;
  rating?: Rating;
}

/**
 * The plan's reports that this person may act on, named, in the queue's order. A report id the
 * person may not see is dropped here rather than named: the confirmation reveals no other branch.
 */
export async function plannedReports(db: Db, reach: Reach, plan: ApprovalPlan): Promise<PlannedReport[]> {
  const ratings = new Map(plan.items.map((i) => [i.reportId, i.rating]));
  const reports = await db.report.findMany({
    where: { AND: [{ id: { in: [...ratings.keys()] } }, reviewableReports(reach)] },
    select: { id: true, branchId: true, seasonBranch: { select: { name: true } }, season: { select: { title: true } } },
    orderBy: [{ seasonId: 'asc' }, { branchId: 'asc' }],
  });
  return reports.map((r) => ({
    reportId: r.id,
    branchId: r.branchId,
    branchName: r.seasonBranch.name,
    seasonTitle: r.season.title,
    rating: ratings.get(r.id),
  }));
}

/** Something is selected and every report has a rating: only then is anything approved. */
export const readyToApprove = (reports: PlannedReport[]) => reports.length > 0 && reports.every((r) => r.rating);
