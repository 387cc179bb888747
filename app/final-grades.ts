// 综合评价: applies the season's rule (season file `finalGrade`) to a closed meeting's vote and each
// report's leadership rating, and records each final grade with how it was reached — the report's
// row and its audit event in one transaction, keyed by report and meeting, so running it again
// records nothing twice. For every door (CLI, meeting page, API).
import type { AuditKey } from '../config/audit-key';
import { appendAuditEvent, findRecordedEvent } from '../db/audit';
import type { Db } from '../db/client';
import type { MeetingTally } from '../domain/evaluation';
import { finalGradeOf, type FinalGradeRecord, type FinalGradeRules } from '../domain/final-grade';
import type { Actor } from '../domain/report-api';
import type { Rating } from '../domain/vocabulary';
import { words, type Words } from '../domain/words';
import { ReportRequestError } from './report-commands';
import { assertSeasonAdmin } from './season-access';

export interface GradedReport {
  reportId: string;
  branchName: string;
  outcome: 'graded' | 'not_approved';
  grade?: Rating;
  rule?: number;
  because?: Words;
}

export async function gradeSeason(db: Db, auditKey: AuditKey, request: { seasonId: string; meetingId: string; actor: Actor }): Promise<GradedReport[]> {
  const { seasonId, meetingId, actor } = request;
  await assertSeasonAdmin(db, seasonId, actor, words('评定综合评价', 'set the final grades'));
  const season = await db.season.findUniqueOrThrow({ where: { id: seasonId }, select: { finalGradeJson: true } });
  if (!season.finalGradeJson) {
    throw new ReportRequestError(
      'no_grade_rule',
      words('季度文件中没有 finalGrade（综合评价规则），无法评定。', 'The season file has no finalGrade rule: nothing to grade by.'),
    );
  }
  const rules = JSON.parse(season.finalGradeJson) as FinalGradeRules;
  const meeting = await db.evaluationMeeting.findUnique({ where: { id: `${seasonId}/${meetingId}` } });
  if (!meeting?.tallyJson) {
    throw new ReportRequestError(
      'meeting_open',
      words(
        `民主测评 ${meetingId} 尚未结束（或不存在）：投票结束后才能评定。`,
        `Meeting ${meetingId} has not closed (or does not exist): grade once its vote has closed.`,
      ),
    );
  }
  const tally = JSON.parse(meeting.tallyJson) as MeetingTally;
  const ratings = new Map(
    (
      await db.report.findMany({ where: { seasonId, id: { in: tally.reporters.map((r) => r.reportId) } }, select: { id: true, rating: true, state: true } })
    ).map((r) => [r.id, r]),
  );
  const results: GradedReport[] = [];
  for (const reporter of tally.reporters) {
    const report = ratings.get(reporter.reportId);
    if (report?.state !== 'approved' || !report.rating) {
      results.push({ reportId: reporter.reportId, branchName: reporter.branchName, outcome: 'not_approved' });
      continue;
    }
    const leadership = report.rating as Rating;
    const graded = finalGradeOf(rules, { counts: reporter.total.counts, weightedScore: reporter.weightedScore, leadership });
    await recordFinalGrade(
      db,
      auditKey,
      actor,
      { ...graded, meetingId, leadership, counts: reporter.total.counts, weightedScore: reporter.weightedScore },
      reporter.reportId,
      seasonId,
    );
    results.push({ reportId: reporter.reportId, branchName: reporter.branchName, outcome: 'graded', ...graded });
  }
  return results;
}

async function recordFinalGrade(db: Db, auditKey: AuditKey, actor: Actor, record: FinalGradeRecord, reportId: string, seasonId: string): Promise<void> {
  const key = `report/${reportId}/final-grade/${record.meetingId}`;
  await db.$transaction(async (tx) => {
    if (await findRecordedEvent(tx, key)) return;
    await tx.report.update({ where: { id: reportId }, data: { finalGrade: record.grade, finalGradeJson: JSON.stringify(record) } });
    await appendAuditEvent(tx, auditKey, {
      key,
      occurredAt: new Date().toISOString(),
      actorEmail: actor.email.toLowerCase(),
      onBehalfOf: actor.onBehalfOf,
      action: 'report.final_graded',
      channel: actor.channel,
      seasonId,
      reportId,
      onSeasonChain: true,
      detail: { ...record },
    });
  });
}
