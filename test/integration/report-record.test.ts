// A report's change is written with its audit event, once, however often Temporal retries the
// activity that writes it; a change that cannot be written leaves nothing behind.
import type { ActivityDeps } from '../../activities';
import { createReportActivities } from '../../activities/report-activities';
import type { ChangeStamp, ReportPatch } from '../../domain/messages';
import { importSeason } from '../../db/season-import';
import type { Rating } from '../../domain/vocabulary';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { at } from '../helpers/at';

const LEADER = { email: 'dangzu.shuji@bureau.example', channel: 'cli' as const };
const REPORT_ID = 'demo-2026/no1-middle-school';

/** The change a leader's approval writes, as the report workflow asks for it. */
function approval(reportId: string, rating: Rating = '好') {
  const stamp: ChangeStamp = { auditKey: `report/${reportId}/step/7`, occurredAt: '2026-11-25T09:00:00.000Z', actor: LEADER, action: 'report.approved' };
  const patch: ReportPatch = { state: 'approved', approvedAt: stamp.occurredAt, reviewDueAt: null };
  return { reportId, stamp, patch, versionNumber: 1, decision: { decision: 'approved' as const, comment: '材料翔实', rating } };
}

describeEachDatabase('recording a report change', (kind) => {
  let scratch: ScratchDatabase;
  let record: ReturnType<typeof createReportActivities>;
  beforeAll(async () => {
    scratch = await kind.create();
    const season = demoSeason();
    await importSeason(scratch.db, season, { email: 'zuzhi@bureau.example', channel: 'system' }, TEST_AUDIT_KEY);
    record = createReportActivities({ db: scratch.db, auditKey: TEST_AUDIT_KEY } as ActivityDeps);
    await record.recordAssignment({
      seasonId: season.id,
      branchId: 'no1-middle-school',
      occurredAt: '2026-11-25T08:00:00.000Z',
      auditKey: `report/${REPORT_ID}/assigned`,
    });
  });
  afterAll(() => scratch?.drop());

  const written = async (reportId: string) => ({
    report: await scratch.db.report.findUnique({ where: { id: reportId }, select: { state: true, rating: true, currentVersion: true } }),
    decisions: await scratch.db.reviewDecision.findMany({ where: { reportId }, select: { decision: true, versionNumber: true, comment: true } }),
    ratings: await scratch.db.rating.findMany({ where: { reportId }, select: { rating: true, leaderEmail: true } }),
    comments: await scratch.db.reviewComment.count({ where: { reportId } }),
    audit: await scratch.db.auditEvent.findMany({ where: { reportId }, orderBy: { chainSeq: 'asc' }, select: { action: true, chainSeq: true } }),
  });

  test('an approval retried after it committed is written once: the report, its decision, rating, comment and audit event', async () => {
    await record.recordReportChange(approval(REPORT_ID));
    // The retry carries the same stamp; a different rating shows whether anything was applied again.
    await record.recordReportChange(approval(REPORT_ID, '一般'));
    expect(await written(REPORT_ID)).toEqual({
      report: { state: 'approved', rating: '好', currentVersion: 0 },
      decisions: [{ decision: 'approved', versionNumber: 1, comment: '材料翔实' }],
      ratings: [{ rating: '好', leaderEmail: LEADER.email }],
      comments: 1,
      audit: [
        { action: 'report.assigned', chainSeq: 1 },
        { action: 'report.approved', chainSeq: 2 },
      ],
    });
  });

  test('an extension writes its dates and clears the escalation as Prisma reads them back, and marks the report changed', async () => {
    const reportId = 'demo-2026/experimental-primary';
    await record.recordAssignment({
      seasonId: 'demo-2026',
      branchId: 'experimental-primary',
      occurredAt: '2026-11-25T08:00:00.000Z',
      auditKey: `report/${reportId}/assigned`,
    });
    const escalated = { auditKey: `report/${reportId}/step/1`, occurredAt: '2026-11-26T08:00:00.000Z', actor: LEADER, action: 'report.escalated' };
    await record.recordReportChange({ reportId, stamp: escalated, patch: { escalatedTo: 'liaison', escalatedAt: escalated.occurredAt } });
    const before = await scratch.db.report.findUniqueOrThrow({ where: { id: reportId } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const extending = Date.now();
    const extended = { auditKey: `report/${reportId}/step/2`, occurredAt: '2026-11-27T08:00:00.000Z', actor: LEADER, action: 'report.extended' };
    await record.recordReportChange({ reportId, stamp: extended, patch: { dueAt: '2026-12-31T15:59:59.999Z', escalatedTo: null, escalatedAt: null } });
    const after = await scratch.db.report.findUniqueOrThrow({ where: { id: reportId } });
    expect(before).toMatchObject({ escalatedTo: 'liaison', escalatedAt: new Date(escalated.occurredAt) });
    expect(after).toMatchObject({ dueAt: new Date('2026-12-31T15:59:59.999Z'), escalatedTo: null, escalatedAt: null, state: 'assigned' });
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(extending);
    const events = await scratch.db.auditEvent.findMany({ where: { reportId }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.chainSeq, e.occurredAt.toISOString()])).toEqual([
      ['report.assigned', 1, '2026-11-25T08:00:00.000Z'],
      ['report.escalated', 2, escalated.occurredAt],
      ['report.extended', 3, extended.occurredAt],
    ]);
    expect(at(events, 2).prevHash).toBe(at(events, 1).hash);
  });

  test("an approval's decision and rating carry the time of the approval and who gave it", async () => {
    const decision = await scratch.db.reviewDecision.findFirstOrThrow({ where: { reportId: REPORT_ID } });
    const rating = await scratch.db.rating.findFirstOrThrow({ where: { reportId: REPORT_ID } });
    const comment = await scratch.db.reviewComment.findFirstOrThrow({ where: { reportId: REPORT_ID } });
    const report = await scratch.db.report.findUniqueOrThrow({ where: { id: REPORT_ID } });
    const at = new Date('2026-11-25T09:00:00.000Z');
    expect(decision).toMatchObject({ id: `report/${REPORT_ID}/step/7`, reviewerEmail: LEADER.email, createdAt: at });
    expect(rating).toMatchObject({ id: `report/${REPORT_ID}/step/7`, onBehalfOf: null, createdAt: at });
    expect(comment).toMatchObject({ authorEmail: LEADER.email, body: '材料翔实', versionNumber: 1, createdAt: at });
    expect(report).toMatchObject({ approvedAt: at, reviewDueAt: null });
  });

  test('a change to a report that does not exist fails and writes nothing', async () => {
    const missing = 'demo-2026/no-such-branch';
    await expect(record.recordReportChange(approval(missing))).rejects.toThrow();
    expect(await written(missing)).toEqual({ report: null, decisions: [], ratings: [], comments: 0, audit: [] });
  });
});
