// What every export needs: one row per branch, and the approved reports' final text. Read once, in
// branch order. Branch and people's names are the season's own (its SeasonBranch and RoleAssignment
// snapshots): a closed season exports what it was, whatever later seasons call the same branches.
// Escalations and how a closed report ended come from the record, which keeps them all.
import type { Db } from '../db/client';
import { seasonSubmissions } from '../db/submissions';
import { loadSeasonNames } from './season-names';
import { loadRecordFacts, outcomeOf, type Outcome } from './season-record-facts';

export type { Outcome };

/** An escalation as a person reads it: when, which, and the names of those told. */
export interface Escalation {
  at: Date;
  kind: string;
  to: string[];
}

export interface BranchRow {
  branchId: string;
  branchName: string;
  secretaryEmail: string;
  secretaryName: string;
  state: string;
  outcome: Outcome;
  dueAt: Date;
  firstSubmittedAt: Date | null;
  approvedAt: Date | null;
  revisionRounds: number;
  rating: string | null;
  /** 综合评价 and how it was reached (JSON, domain/final-grade.ts FinalGradeRecord), once set. */
  finalGrade: string | null;
  finalGradeJson: string | null;
  /** 整改: the report's rectification items, how many are accepted (销号), and how many are open past their due date. */
  rectification: { items: number; accepted: number; overdue: number };
  /** Every escalation, oldest first, whatever the report did after it. */
  escalations: Escalation[];
}

export interface ApprovedReport {
  branchId: string;
  branchName: string;
  secretaryEmail: string;
  secretaryName: string;
  rating: string | null;
  finalGrade: string | null;
  approvedAt: Date | null;
  body: string;
}

export interface SeasonExportData {
  seasonId: string;
  /** Seasons at several levels: each child season, under the name of the branch it is held under. */
  children: { branchName: string; data: SeasonExportData }[];
  /** The record's head at the season's close (本台账校验值), once it is closed. */
  recordHead: string | null;
  title: string;
  year: number;
  timeZone: string;
  rows: BranchRow[];
  approved: ApprovedReport[];
}

/** The levels an export compiles below the season it is asked for (a district, its bureaus, their branches). */
const LEVELS_COMPILED = 3;

/** The approved reports a compilation holds: this season's and every level's below it. */
export const reportCount = (data: SeasonExportData): number => data.approved.length + data.children.reduce((sum, child) => sum + reportCount(child.data), 0);

export async function loadSeasonExportData(db: Db, seasonId: string, levels = LEVELS_COMPILED): Promise<SeasonExportData> {
  const season = await db.season.findUniqueOrThrow({ where: { id: seasonId } });
  const reports = await db.report.findMany({
    where: { seasonId },
    include: { seasonBranch: { select: { name: true } } },
    orderBy: { branchId: 'asc' },
  });
  const submissions = await seasonSubmissions(db, seasonId);
  const facts = await loadRecordFacts(db, seasonId);
  const nameOf = await loadSeasonNames(db, seasonId, [...reports.map((r) => r.secretaryEmail), ...[...facts.escalations.values()].flat().flatMap((e) => e.to)]);
  const approved = reports.filter((r) => r.state === 'approved');
  const rectification = await rectificationByReport(db, seasonId);
  // Text only for what is compiled: each approved report's latest submission.
  const versions = await db.reportVersion.findMany({
    where: { reportId: { in: approved.map((r) => r.id) }, kind: 'submission' },
    select: { reportId: true, number: true, content: { select: { body: true } } },
  });
  const bodyOf = new Map(versions.filter((v) => v.number === submissions.get(v.reportId)?.latestNumber).map((v) => [v.reportId, v.content.body]));
  const children = levels > 1 ? await childExports(db, seasonId, levels - 1) : [];
  return {
    seasonId,
    children,
    title: season.title,
    recordHead: season.status === 'closed' ? ((JSON.parse(season.summaryJson ?? '{}') as { recordHead?: string }).recordHead ?? null) : null,
    year: season.year,
    timeZone: season.timeZone,
    rows: reports.map((r) => {
      const firstSubmittedAt = submissions.get(r.id)?.firstAt ?? null;
      return {
        branchId: r.branchId,
        branchName: r.seasonBranch.name,
        secretaryEmail: r.secretaryEmail,
        secretaryName: nameOf(r.secretaryEmail),
        state: r.state,
        outcome: outcomeOf(r.state, facts.stateAtClose.get(r.id), firstSubmittedAt !== null),
        dueAt: r.dueAt,
        firstSubmittedAt,
        approvedAt: r.approvedAt,
        revisionRounds: r.revisionRounds,
        rating: r.rating,
        finalGrade: r.finalGrade,
        finalGradeJson: r.finalGradeJson,
        rectification: rectification.get(r.id) ?? { items: 0, accepted: 0, overdue: 0 },
        escalations: (facts.escalations.get(r.id) ?? []).map((e) => ({ ...e, to: e.to.map(nameOf) })),
      };
    }),
    approved: approved.map((r) => ({
      branchId: r.branchId,
      branchName: r.seasonBranch.name,
      secretaryEmail: r.secretaryEmail,
      secretaryName: nameOf(r.secretaryEmail),
      rating: r.rating,
      finalGrade: r.finalGrade,
      approvedAt: r.approvedAt,
      body: bodyOf.get(r.id) ?? '',
    })),
  };
}

/** Each report's rectification items counted, as of now. */
async function rectificationByReport(db: Db, seasonId: string, now = new Date()): Promise<Map<string, { items: number; accepted: number; overdue: number }>> {
  const items = await db.rectificationItem.findMany({ where: { seasonId }, select: { reportId: true, state: true, dueAt: true } });
  const counted = new Map<string, { items: number; accepted: number; overdue: number }>();
  for (const item of items) {
    const count = counted.get(item.reportId) ?? { items: 0, accepted: 0, overdue: 0 };
    count.items += 1;
    if (item.state === 'accepted') count.accepted += 1;
    else if (item.dueAt < now) count.overdue += 1;
    counted.set(item.reportId, count);
  }
  return counted;
}

async function childExports(db: Db, seasonId: string, levels: number): Promise<SeasonExportData['children']> {
  const children = await db.season.findMany({
    where: { parentSeasonId: seasonId },
    select: { id: true, parentBranchId: true },
    orderBy: [{ parentBranchId: 'asc' }, { id: 'asc' }],
  });
  const names = new Map((await db.seasonBranch.findMany({ where: { seasonId }, select: { branchId: true, name: true } })).map((b) => [b.branchId, b.name]));
  return Promise.all(
    children.map(async (child) => ({
      branchName: names.get(child.parentBranchId ?? '') ?? child.parentBranchId ?? '',
      data: await loadSeasonExportData(db, child.id, levels),
    })),
  );
}
