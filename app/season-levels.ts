// Seasons at several levels: a district's season whose "branches" are bureaus and townships, and
// under a bureau its own season of branches (season file `parent`). The parent's admins oversee
// the child seasons (their dashboards, read only), and the parent rolls them up one level at a time.
import type { Db } from '../db/client';
import { RATINGS, type Rating } from '../domain/vocabulary';
import { words } from '../domain/words';
import { rectificationProgress, type RectificationProgress } from './rectification';
import { ReportRequestError } from './report-commands';

/** How far up a season's parents are followed: a province, a district, a bureau. */
const MAX_LEVELS = 4;

/** Refuses a parent that does not exist, or a branch it does not have. */
export async function checkParent(db: Db, parent: { season: string; branch: string }, childId: string): Promise<void> {
  if (parent.season === childId) throw new ReportRequestError('bad_parent', words('季度不能以自己为上级季度。', 'A season cannot be its own parent.'));
  const branch = await db.seasonBranch.findUnique({ where: { seasonId_branchId: { seasonId: parent.season, branchId: parent.branch } } });
  if (!branch) {
    throw new ReportRequestError(
      'bad_parent',
      words(
        `上级季度 ${parent.season} 不存在，或其中没有单位 ${parent.branch}：请先创建上级季度，并核对 parent.branch。`,
        `The parent season ${parent.season} does not exist, or has no branch ${parent.branch}: create the parent first, and check parent.branch.`,
      ),
    );
  }
  if ((await ancestorsOf(db, parent.season)).includes(childId)) {
    throw new ReportRequestError('bad_parent', words('上级季度不能是本季度的下级。', 'The parent season cannot be one of this season’s own children.'));
  }
}

/** The season's parent, its parent's parent, …, nearest first. */
export async function ancestorsOf(db: Db, seasonId: string): Promise<string[]> {
  const found: string[] = [];
  let current: string | null = seasonId;
  for (let level = 0; current && level < MAX_LEVELS; level += 1) {
    const row: { parentSeasonId: string | null } | null = await db.season.findUnique({ where: { id: current }, select: { parentSeasonId: true } });
    current = row?.parentSeasonId ?? null;
    if (current) found.push(current);
  }
  return found;
}

/** Whether this person administers a season above this one: they may read it, not act in it. */
export async function oversees(db: Db, adminSeasons: string[], seasonId: string): Promise<boolean> {
  if (!adminSeasons.length) return false;
  return (await ancestorsOf(db, seasonId)).some((ancestor) => adminSeasons.includes(ancestor));
}

export interface ChildSeasonSummary {
  seasonId: string;
  title: string;
  status: string;
  /** The parent's branch this season is held under, by the parent's name for it. */
  parentBranchId: string;
  parentBranchName: string;
  branches: number;
  approved: number;
  ratings: Record<Rating, number>;
  finalGrades: Record<Rating, number>;
  rectification: RectificationProgress;
}

/** Each child season one level down: its progress, ratings, final grades and rectification. */
export async function childSeasons(db: Db, seasonId: string): Promise<ChildSeasonSummary[]> {
  const children = await db.season.findMany({ where: { parentSeasonId: seasonId }, orderBy: [{ parentBranchId: 'asc' }, { id: 'asc' }] });
  const names = new Map(
    (await db.seasonBranch.findMany({ where: { seasonId, branchId: { in: children.flatMap((c) => (c.parentBranchId ? [c.parentBranchId] : [])) } } })).map(
      (b) => [b.branchId, b.name],
    ),
  );
  return Promise.all(
    children.map(async (child) => {
      const reports = await db.report.findMany({ where: { seasonId: child.id }, select: { state: true, rating: true, finalGrade: true } });
      const count = (pick: (r: (typeof reports)[number]) => string | null) =>
        Object.fromEntries(RATINGS.map((grade) => [grade, reports.filter((r) => pick(r) === grade).length])) as Record<Rating, number>;
      return {
        seasonId: child.id,
        title: child.title,
        status: child.status,
        parentBranchId: child.parentBranchId ?? '',
        parentBranchName: names.get(child.parentBranchId ?? '') ?? child.parentBranchId ?? '',
        branches: reports.length,
        approved: reports.filter((r) => r.state === 'approved').length,
        ratings: count((r) => r.rating),
        finalGrades: count((r) => r.finalGrade),
        rectification: await rectificationProgress(db, child.id),
      };
    }),
  );
}
