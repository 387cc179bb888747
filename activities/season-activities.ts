import { heartbeat, sleep } from '@temporalio/activity';
import { appendAuditEvent, seasonRecordHead } from '../db/audit';
import { seasonSubmissions } from '../db/submissions';
import type { BranchPageRequest, SeasonActivities, SeasonSummary } from '../domain/activity-contract';
import type { AuditEventInput } from '../domain/messages';
import { RATINGS, SETTLED_STATES } from '../domain/vocabulary';
import type { Db } from '../db/client';
import type { ReportFigures } from '../domain/submission-check';
import type { ActivityDeps } from './deps';

export interface BranchPage {
  title: string;
  timeZone: string;
  branches: { id: string; name: string }[];
}

/** One page of the participating branches (those with a current secretary), by id. */
export async function loadBranchPage(db: Db, input: BranchPageRequest): Promise<BranchPage> {
  const season = await db.season.findUniqueOrThrow({ where: { id: input.seasonId } });
  const roles = await db.roleAssignment.findMany({
    where: {
      seasonId: input.seasonId,
      role: 'secretary',
      validUntil: null,
      ...(input.afterBranchId ? { organizationId: { gt: input.afterBranchId } } : {}),
    },
    select: { organizationId: true },
    orderBy: { organizationId: 'asc' },
    take: input.limit,
  });
  const ids = roles.flatMap((role) => (role.organizationId ? [role.organizationId] : []));
  const snapshots = await db.seasonBranch.findMany({ where: { seasonId: input.seasonId, branchId: { in: ids } }, select: { branchId: true, name: true } });
  return { title: season.title, timeZone: season.timeZone, branches: namedBranches(ids, snapshots) };
}

/**
 * The branches by the names this season knows them by (its SeasonBranch snapshot), not by what a
 * later season may have renamed them to. A branch the season has no snapshot of is left out, as a
 * role without its organization always was.
 */
function namedBranches(ids: string[], snapshots: { branchId: string; name: string }[]): { id: string; name: string }[] {
  const names = new Map(snapshots.map((b) => [b.branchId, b.name]));
  return ids.flatMap((id) => {
    const name = names.get(id);
    return name === undefined ? [] : [{ id, name }];
  });
}

export function createSeasonActivities({ db, clock, auditKey }: ActivityDeps): SeasonActivities {
  return {
    /** Marks the season running and records who started it. */
    async markSeasonStarted(event: AuditEventInput & { seasonId: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        await tx.season.update({
          where: { id: event.seasonId },
          data: { status: 'running', startedAt: new Date(event.occurredAt) },
        });
        await appendAuditEvent(tx, auditKey, event);
      });
    },

    /**
     * Waits until every report of the season has settled (its workflow has taken the close), then
     * writes the summary and closes the season, with its audit event. The record's head over every
     * chain of the season, taken after that last event, goes into the summary: printed at close and
     * on the Word export, it lets a paper copy check the record later.
     */
    async closeSeasonRecord(input: { seasonId: string; event: AuditEventInput }): Promise<SeasonSummary> {
      for (;;) {
        const open = await db.report.count({ where: { seasonId: input.seasonId, state: { notIn: [...SETTLED_STATES] } } });
        if (open === 0) break;
        heartbeat({ open });
        await sleep(1000);
      }
      const summary = await summarize(input.seasonId);
      return db.$transaction(async (tx) => {
        await appendAuditEvent(tx, auditKey, { ...input.event, detail: { ...input.event.detail, summary } });
        const closed: SeasonSummary = { ...summary, recordHead: await seasonRecordHead(tx, input.seasonId) };
        await tx.season.update({
          where: { id: input.seasonId },
          data: { status: 'closed', closedAt: clock.now(), summaryJson: JSON.stringify(closed) },
        });
        return closed;
      });
    },
  };

  async function summarize(seasonId: string): Promise<SeasonSummary> {
    const reports = await db.report.findMany({
      where: { seasonId },
      select: { id: true, state: true, dueAt: true, revisionRounds: true, rating: true },
    });
    const submissions = await seasonSubmissions(db, seasonId);
    const summary: SeasonSummary = {
      branches: reports.length,
      byState: {},
      submitted: { onTime: 0, late: 0, never: 0 },
      revisionRounds: { total: 0, max: 0, reportsRevised: 0 },
      ratings: Object.fromEntries(RATINGS.map((rating) => [rating, 0])),
      figures: {
        probationaryMembersRecruited: 0,
        membersConfirmed: 0,
        activistsTrained: 0,
        developmentTargets: 0,
        inServiceMembers: 0,
        retiredMembers: 0,
        duesCollectedYuan: 0,
      },
    };
    for (const report of reports) {
      summary.byState[report.state] = (summary.byState[report.state] ?? 0) + 1;
      const submission = submissions.get(report.id);
      const submittedAt = submission?.firstAt;
      if (!submittedAt) {
        if (report.state !== 'exempted' && report.state !== 'withdrawn') summary.submitted.never += 1;
      } else if (submittedAt <= report.dueAt) summary.submitted.onTime += 1;
      else summary.submitted.late += 1;
      summary.revisionRounds.total += report.revisionRounds;
      summary.revisionRounds.max = Math.max(summary.revisionRounds.max, report.revisionRounds);
      if (report.revisionRounds > 0) summary.revisionRounds.reportsRevised += 1;
      if (report.rating) summary.ratings[report.rating] = (summary.ratings[report.rating] ?? 0) + 1;
      const figures = submission?.latestFiguresJson ? (JSON.parse(submission.latestFiguresJson) as ReportFigures) : {};
      for (const [field, value] of Object.entries(figures)) {
        summary.figures[field as keyof ReportFigures] += value as number;
      }
    }
    return summary;
  }
}
