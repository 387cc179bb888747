// What every export needs from the read model: one row per branch, and the approved reports'
// final text. Read once, in branch order. Branch names are the season's own (its SeasonBranch
// snapshot): a closed season exports what it was, whatever later seasons call the same branches.
import type { Db } from '../db/client';
import { seasonSubmissions } from '../db/submissions';

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
  /** The record's head at the season's close (本台账校验值), once it is closed. */
  recordHead: string | null;
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
    include: { seasonBranch: { select: { name: true } } },
    orderBy: { branchId: 'asc' },
  });
  const submissions = await seasonSubmissions(db, seasonId);
  const approved = reports.filter((r) => r.state === 'approved');
  // Text only for what is compiled: each approved report's latest submission.
  const versions = await db.reportVersion.findMany({
    where: { reportId: { in: approved.map((r) => r.id) }, kind: 'submission' },
    select: { reportId: true, number: true, content: { select: { body: true } } },
  });
  const bodyOf = new Map(versions.filter((v) => v.number === submissions.get(v.reportId)?.latestNumber).map((v) => [v.reportId, v.content.body]));
  return {
    seasonId,
    title: season.title,
    recordHead: season.status === 'closed' ? ((JSON.parse(season.summaryJson ?? '{}') as { recordHead?: string }).recordHead ?? null) : null,
    year: season.year,
    timeZone: season.timeZone,
    rows: reports.map((r) => ({
      branchId: r.branchId,
      branchName: r.seasonBranch.name,
      secretaryEmail: r.secretaryEmail,
      state: r.state,
      dueAt: r.dueAt,
      firstSubmittedAt: submissions.get(r.id)?.firstAt ?? null,
      approvedAt: r.approvedAt,
      revisionRounds: r.revisionRounds,
      rating: r.rating,
      escalatedTo: r.escalatedTo,
    })),
    approved: approved.map((r) => ({
      branchId: r.branchId,
      branchName: r.seasonBranch.name,
      secretaryEmail: r.secretaryEmail,
      rating: r.rating,
      approvedAt: r.approvedAt,
      body: bodyOf.get(r.id) ?? '',
    })),
  };
}
