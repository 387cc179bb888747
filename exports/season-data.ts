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
  /** Every escalation, oldest first, whatever the report did after it. */
  escalations: Escalation[];
}

export interface ApprovedReport {
  branchId: string;
  branchName: string;
  secretaryEmail: string;
  secretaryName: string;
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
  const facts = await loadRecordFacts(db, seasonId);
  const nameOf = await loadSeasonNames(db, seasonId, [...reports.map((r) => r.secretaryEmail), ...[...facts.escalations.values()].flat().flatMap((e) => e.to)]);
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
        escalations: (facts.escalations.get(r.id) ?? []).map((e) => ({ ...e, to: e.to.map(nameOf) })),
      };
    }),
    approved: approved.map((r) => ({
      branchId: r.branchId,
      branchName: r.seasonBranch.name,
      secretaryEmail: r.secretaryEmail,
      secretaryName: nameOf(r.secretaryEmail),
      rating: r.rating,
      approvedAt: r.approvedAt,
      body: bodyOf.get(r.id) ?? '',
    })),
  };
}
