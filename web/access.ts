// Who may see what, from roles and the organization tree: a secretary their branch's report, a
// liaison and a reviewer the reports they are named on, a delegate the reports they stand in on,
// leaders their subtree, admins their seasons. (What a person may *do* is decided by the
// workflow's validators, as for the CLI.)
import type { Db, Prisma } from '../db/client';
import { oversees } from '../app/season-levels';

/** Roles that see a part of the tree: everything under the organization they hold it on. */
export const SUBTREE_ROLES: readonly string[] = ['leader', 'party_group_secretary', 'admin'];

/** The roles that approve reports and rate them. */
export const LEADERSHIP_ROLES: readonly string[] = ['leader', 'party_group_secretary'];

export interface Reach {
  email: string;
  /** Seasons this person administers. */
  adminSeasons: string[];
  /** Subtrees (organization paths) per season this person leads or administers. */
  subtrees: { seasonId: string; path: string }[];
  /** Reports this person stands in on for someone, by a delegation still running. */
  standsIn: string[];
}

/** One of a person's current SUBTREE_ROLES, with the path of the organization it is held on. */
export interface SubtreeRole {
  role: string;
  seasonId: string | null;
  path: string | null;
}

export function reachFrom(email: string, roles: SubtreeRole[], standsIn: string[] = []): Reach {
  return {
    email,
    standsIn,
    adminSeasons: [...new Set(roles.filter((r) => r.role === 'admin' && r.seasonId).map((r) => r.seasonId as string))],
    subtrees: roles.flatMap((r) => (r.seasonId && r.path ? [{ seasonId: r.seasonId, path: r.path }] : [])),
  };
}

/**
 * Reports under this person's subtrees, each in its own season's tree: the branch's path as that
 * season knows it (its SeasonBranch snapshot), so moving a branch in a later season changes
 * nobody's reach in an earlier one.
 */
const inSubtrees = (reach: Reach): Prisma.ReportWhereInput[] =>
  reach.subtrees.map((s) => ({ seasonId: s.seasonId, seasonBranch: { path: { startsWith: s.path } } }));

/** Every report this person may read, as a where-clause for the read model. */
export function visibleReports(reach: Reach): Prisma.ReportWhereInput {
  return {
    OR: [
      { secretaryEmail: reach.email },
      { liaisonEmail: reach.email },
      { reviewerEmail: reach.email },
      { id: { in: reach.standsIn } },
      { seasonId: { in: reach.adminSeasons } },
      ...inSubtrees(reach),
    ],
  };
}

/** Reports someone reviews or leads, not merely writes: the review queue. */
export function reviewableReports(reach: Reach): Prisma.ReportWhereInput {
  return {
    OR: [{ reviewerEmail: reach.email }, { id: { in: reach.standsIn } }, { seasonId: { in: reach.adminSeasons } }, ...inSubtrees(reach)],
  };
}

/**
 * Whether this person may read the report: as visibleReports says, or as an admin of a season above
 * the report's (a district reads its bureaus' reports, which its export compiles anyway; acting there
 * stays with the season's own people, as the workflow's validators decide).
 */
export async function canSeeReport(db: Db, reach: Reach, reportId: string): Promise<boolean> {
  if ((await db.report.count({ where: { AND: [{ id: reportId }, visibleReports(reach)] } })) === 1) return true;
  if (!reach.adminSeasons.length) return false;
  const report = await db.report.findUnique({ where: { id: reportId }, select: { seasonId: true } });
  return !!report && (await oversees(db, reach.adminSeasons, report.seasonId));
}

/**
 * Whether the review queue is this person's to use: they lead or administer a part of a season, or
 * review a branch. A secretary (or a liaison) alone has nothing there, so is not offered it.
 */
export async function usesReviewQueue(db: Db, reach: Reach): Promise<boolean> {
  if (reach.subtrees.length || reach.adminSeasons.length || reach.standsIn.length) return true;
  const reviewer = await db.roleAssignment.findFirst({ where: { role: 'reviewer', validUntil: null, person: { email: reach.email } }, select: { id: true } });
  return !!reviewer;
}
