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

/**
 * Refuses a parent that does not exist, or a branch it does not have; a creator the parent does not
 * know as its admin or that branch's secretary or liaison (so nobody hangs a season, and its reports,
 * into another organization's rollup and compilation); and a second season under the same branch.
 */
export async function checkParent(db: Db, parent: { season: string; branch: string }, childId: string, creator: string | undefined): Promise<void> {
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
  if (!creator || !(await mayHangUnder(db, parent, creator))) {
    throw new ReportRequestError(
      'not_permitted',
      words(
        `只有上级季度 ${parent.season} 的管理员，或其中 ${branch.name} 的书记或联络人，可以在其下创建下级季度${creator ? `，你（${creator}）不是` : '：请先登录（shuzhi login）'}。`,
        `Only the admins of the parent season ${parent.season}, or the secretary or liaison of ${branch.name} in it, may create a season under it${creator ? `; you (${creator}) are not one` : ': sign in first (shuzhi login)'}.`,
      ),
    );
  }
  const taken = await db.season.findFirst({
    where: { parentSeasonId: parent.season, parentBranchId: parent.branch, id: { not: childId } },
    select: { id: true },
  });
  if (taken) {
    throw new ReportRequestError(
      'bad_parent',
      words(
        `${branch.name} 下已有下级季度 ${taken.id}：一个单位只有一个下级季度，请改用它，或核对 parent.branch。`,
        `${branch.name} already has the season ${taken.id} under it: a branch holds one season; use that one, or check parent.branch.`,
      ),
    );
  }
}

/** The parent's admins, and the branch's own secretary or liaison (a bureau's head or its office). */
async function mayHangUnder(db: Db, parent: { season: string; branch: string }, email: string): Promise<boolean> {
  const role = await db.roleAssignment.findFirst({
    where: {
      seasonId: parent.season,
      validUntil: null,
      person: { email: email.toLowerCase() },
      OR: [{ role: 'admin' }, { role: { in: ['secretary', 'liaison'] }, organizationId: parent.branch }],
    },
    select: { id: true },
  });
  return role !== null;
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

/** The season this one is held under, by its title and the branch's name there; none at the top. */
export async function parentSeason(db: Db, seasonId: string): Promise<{ seasonId: string; title: string; branchName: string } | undefined> {
  const child = await db.season.findUnique({ where: { id: seasonId }, select: { parentSeasonId: true, parentBranchId: true } });
  if (!child?.parentSeasonId) return undefined;
  const [parent, branch] = await Promise.all([
    db.season.findUnique({ where: { id: child.parentSeasonId }, select: { title: true } }),
    db.seasonBranch.findUnique({
      where: { seasonId_branchId: { seasonId: child.parentSeasonId, branchId: child.parentBranchId ?? '' } },
      select: { name: true },
    }),
  ]);
  return { seasonId: child.parentSeasonId, title: parent?.title ?? child.parentSeasonId, branchName: branch?.name ?? child.parentBranchId ?? '' };
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
