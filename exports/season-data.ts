// What every export needs from the read model: one row per branch, and the approved reports'
// final text. Read once, in branch order.
import type { Db } from '../db/client';

export interface BranchRow {
  branchId: string;
  branchName: string;
  secretaryEmail: string;
  state: string;
  dueAt: Date;
  firstSubmittedAt: Date | null;
  approvedAt: Date | null;
  revisionRounds: number;
  rating: string | null;
  escalatedTo: string | null;
}

export interface ApprovedReport {
  branchId: string;
  branchName: string;
  secretaryEmail: string;
  rating: string | null;
  approvedAt: Date | null;
  body: string;
}

export interface SeasonExportData {
  seasonId: string;
  title: string;
  year: number;
  timeZone: string;
  rows: BranchRow[];
  approved: ApprovedReport[];
}

export async function loadSeasonExportData(db: Db, seasonId: string): Promise<SeasonExportData> {
  const season = await db.season.findUniqueOrThrow({ where: { id: seasonId } });
  const reports = await db.report.findMany({
    where: { seasonId },
    include: { branch: { select: { name: true } } },
    orderBy: { branchId: 'asc' },
  });
  const submissions = await db.reportVersion.findMany({
    where: { report: { seasonId }, kind: 'submission' },
    select: { reportId: true, number: true, createdAt: true, body: true },
    orderBy: { number: 'asc' },
  });
  const firstAt = new Map<string, Date>();
  const latestBody = new Map<string, string>();
  for (const version of submissions) {
    if (!firstAt.has(version.reportId)) firstAt.set(version.reportId, version.createdAt);
    latestBody.set(version.reportId, version.body);
  }
  return {
    seasonId,
    title: season.title,
    year: season.year,
    timeZone: season.timeZone,
    rows: reports.map((r) => ({
      branchId: r.branchId,
      branchName: r.branch.name,
      secretaryEmail: r.secretaryEmail,
      state: r.state,
      dueAt: r.dueAt,
      firstSubmittedAt: firstAt.get(r.id) ?? null,
      approvedAt: r.approvedAt,
      revisionRounds: r.revisionRounds,
      rating: r.rating,
      escalatedTo: r.escalatedTo,
    })),
    approved: reports
      .filter((r) => r.state === 'approved')
      .map((r) => ({
        branchId: r.branchId,
        branchName: r.branch.name,
        secretaryEmail: r.secretaryEmail,
        rating: r.rating,
        approvedAt: r.approvedAt,
        body: latestBody.get(r.id) ?? '',
      })),
  };
}
