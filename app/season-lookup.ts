// The seasons there are, and the branches and reports a person names: an id that names nothing is
// an error that says so, never an empty answer.
import type { Db, Season } from '../db/client';
import { words, type Words } from '../domain/words';
import { findSeason } from './season-commands';
import { parseReportId } from './report-commands';

/** Every season, newest first, with how many branches it has and how many reports have started. */
export async function listSeasons(db: Db) {
  const seasons = await db.season.findMany({
    orderBy: [{ year: 'desc' }, { id: 'asc' }],
    select: { id: true, title: true, year: true, status: true, dueAt: true, timeZone: true, _count: { select: { reports: true, branches: true } } },
  });
  return seasons.map(({ _count, dueAt, ...season }) => ({ ...season, dueAt: dueAt.toISOString(), branches: _count.branches, reports: _count.reports }));
}

/** Branch ids that are not branches of the season; the message names a few that are. */
export class UnknownBranchError extends Error {
  readonly words: Words;
  constructor(
    readonly seasonId: string,
    readonly branchIds: string[],
    known: string[],
  ) {
    const some = known.slice(0, 8);
    const more = known.length > some.length;
    const message = words(
      `述职季度 ${seasonId} 中没有支部 ${branchIds.join('、')}。本季度的支部编号有：${some.join('、')}${more ? ` 等 ${known.length} 个` : ''}。`,
      `Season ${seasonId} has no branch ${branchIds.join(', ')}. Its branch ids are ${some.join(', ')}${more ? ` and ${known.length - some.length} more` : ''}.`,
    );
    super(message.en);
    this.name = 'UnknownBranchError';
    this.words = message;
  }
}

/** A branch of the season whose report workflow has not been started (the season is not started, or the branch was just added). */
export class ReportNotStartedError extends Error {
  readonly words: Words;
  constructor(readonly reportId: string) {
    const message = words(
      `报告 ${reportId} 还没有开始：请先启动季度（shuzhi season start）。`,
      `Report ${reportId} has not started yet: start the season first (shuzhi season start).`,
    );
    super(message.en);
    this.name = 'ReportNotStartedError';
    this.words = message;
  }
}

/** The season's branches (id and name as this season knows them). */
export function seasonBranches(db: Db, seasonId: string): Promise<{ branchId: string; name: string }[]> {
  return db.seasonBranch.findMany({ where: { seasonId }, select: { branchId: true, name: true }, orderBy: { branchId: 'asc' } });
}

/** Refuses any branch id that is not a branch of the (existing) season. */
export async function assertSeasonBranches(db: Db, seasonId: string, branchIds: readonly string[] = []): Promise<Season> {
  const season = await findSeason(db, seasonId);
  if (!branchIds.length) return season;
  const known = (await seasonBranches(db, seasonId)).map((b) => b.branchId);
  const isKnown = new Set(known);
  const unknown = branchIds.filter((id) => !isKnown.has(id));
  if (unknown.length) throw new UnknownBranchError(seasonId, unknown, known);
  return season;
}

/** The season of a report a person names, once the season, the branch and the report are all known to exist. */
export async function findReportSeason(db: Db, reportId: string): Promise<Season> {
  const { seasonId, branchId } = parseReportId(reportId);
  const season = await assertSeasonBranches(db, seasonId, [branchId]);
  if (!(await db.report.findUnique({ where: { id: reportId }, select: { id: true } }))) throw new ReportNotStartedError(reportId);
  return season;
}
