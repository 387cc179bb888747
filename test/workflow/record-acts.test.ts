// The record holds each act once, as it happened, by whom it was allowed: what went wrong in the
// record on the way to 0.1.0 (issue 21), each as the cycle meets it, on the time-skipping server.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../../activities';
import { createReportActivities } from '../../activities/report-activities';
import { changeRole, reviewReport, saveDraft, storeReportContent, submitReport } from '../../app/report-commands';
import { REPORT_SIZE_LIMIT } from '../../domain/report-limits';
import type { SeasonFile } from '../../domain/season-file';
import { AUDIT_KEY_CONFLICT, saveDraftUpdate, submitUpdate } from '../../domain/report-api';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { as, GOOD_REPORT, PEOPLE, rejection, ReportHarness } from '../helpers/report-harness';

const h = new ReportHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

/** A full report repeated to about 10 MB, as pasted by accident. */
const TEN_MB = GOOD_REPORT.replace('2 名', 'X名').repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(GOOD_REPORT)));

describe('a failed request', () => {
  test('a 10 MB draft is refused before anything is stored, and the submission after it is recorded', async () => {
    const { reportId } = await h.startReport();
    const contents = await h.db.reportContent.count();
    expect(await rejection(saveDraft(h.client, h.db, reportId, TEN_MB, as(PEOPLE.secretary)))).toBe('too_large');
    expect(await h.db.reportContent.count()).toBe(contents);

    const submitted = await submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.secretary), false);
    expect(submitted.versionNumber).toBe(1);
    expect(await h.audit(reportId)).toEqual([
      ['report.assigned', 'system'],
      ['report.submitted', PEOPLE.secretary],
    ]);
    expect(await h.db.reportVersion.count({ where: { reportId } })).toBe(1);
  });

  test('a request that lies about its size is refused by the activity, writes nothing, and the next request is recorded', async () => {
    const { reportId, handle } = await h.startReport();
    const hash = await storeReportContent(h.db, TEN_MB);
    const lying = handle.executeUpdate(saveDraftUpdate, { args: [{ actor: as(PEOPLE.secretary), contentHash: hash, size: { characters: 10, bytes: 10 } }] });
    await expect(lying).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await h.db.reportVersion.count({ where: { reportId } })).toBe(0);

    await saveDraft(h.client, h.db, reportId, '## 一、主要工作\n草稿', as(PEOPLE.secretary));
    await submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.secretary), false);
    expect(await h.audit(reportId)).toEqual([
      ['report.assigned', 'system'],
      ['report.draft_saved', PEOPLE.secretary],
      ['report.submitted', PEOPLE.secretary],
    ]);
    expect((await h.db.reportVersion.findMany({ where: { reportId }, orderBy: { number: 'asc' } })).map((v) => [v.number, v.kind])).toEqual([
      [1, 'draft'],
      [2, 'submission'],
    ]);
  });

  test('the validator refuses a declared size over the limit before the request reaches history', async () => {
    const { handle } = await h.startReport();
    const size = { characters: REPORT_SIZE_LIMIT.characters + 1, bytes: 10 };
    const request = handle.executeUpdate(saveDraftUpdate, { args: [{ actor: as(PEOPLE.secretary), contentHash: 'x', size }] });
    await expect(request).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    const history = await handle.fetchHistory();
    expect(history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(0);
  });
});

describe('an act retried', () => {
  test('the same request delivered twice (one Update id) is one act: one version, one event', async () => {
    const { reportId, handle } = await h.startReport();
    const contentHash = await storeReportContent(h.db, '## 一、主要工作\n草稿');
    const request = { actor: as(PEOPLE.secretary), contentHash, size: { characters: 12, bytes: 30 } };
    const first = await handle.executeUpdate(saveDraftUpdate, { args: [request], updateId: 'the-same-request' });
    const again = await handle.executeUpdate(saveDraftUpdate, { args: [request], updateId: 'the-same-request' });
    expect(again).toEqual(first);
    expect(await h.db.reportVersion.count({ where: { reportId } })).toBe(1);
    expect(await h.db.auditEvent.count({ where: { reportId, action: 'report.draft_saved' } })).toBe(1);
  });

  test('a workflow task retried after its write committed takes what was recorded, however much later it runs', async () => {
    const { reportId } = await h.startReport();
    const record = createReportActivities({ db: h.db, auditKey: TEST_AUDIT_KEY } as ActivityDeps);
    const contentHash = await storeReportContent(h.db, GOOD_REPORT);
    const attempt = (occurredAt: string) =>
      record.saveReportVersion({
        reportId,
        contentHash,
        kind: 'draft',
        acceptWarnings: false,
        stamp: { auditKey: `report/${reportId}/update/retried`, occurredAt, actor: as(PEOPLE.secretary), action: 'report.draft_saved' },
        patch: { state: 'drafting' },
      });
    const first = await attempt('2026-12-01T08:00:00.000Z');
    const retried = await attempt('2026-12-01T08:00:07.000Z');
    expect(retried).toMatchObject({ versionNumber: first.versionNumber, occurredAt: '2026-12-01T08:00:00.000Z', head: first.head });
    expect(await h.db.reportVersion.count({ where: { reportId } })).toBe(1);
  });

  test('a different act under a recorded key fails loudly and is not retried', async () => {
    const { reportId } = await h.startReport();
    const record = createReportActivities({ db: h.db, auditKey: TEST_AUDIT_KEY } as ActivityDeps);
    const stamp = {
      auditKey: `report/${reportId}/update/one-key`,
      occurredAt: '2026-12-01T08:00:00.000Z',
      actor: as(PEOPLE.admin),
      action: 'report.reminded_now',
    };
    await record.recordReportChange({ reportId, stamp, patch: {} });
    const other = record.recordReportChange({ reportId, stamp: { ...stamp, action: 'report.exempted' }, patch: { state: 'exempted' } });
    await expect(other).rejects.toMatchObject({ type: AUDIT_KEY_CONFLICT, nonRetryable: true });
    await expect(other).rejects.toBeInstanceOf(ApplicationFailure);
    expect((await h.db.report.findUniqueOrThrow({ where: { id: reportId } })).state).toBe('assigned');
  });
});

describe('separation of duties', () => {
  const leaderIsSecretary = (file: SeasonFile): SeasonFile => ({
    ...file,
    leaders: [PEOPLE.leader, PEOPLE.partyGroupSecretary],
    organization: { ...file.organization, branches: file.organization.branches.map((b) => ({ ...b, secretary: PEOPLE.leader })) },
  });

  test("a leader who is the branch's secretary cannot review or approve their own report; another leader approves it", async () => {
    const { reportId } = await h.startReport({ season: leaderIsSecretary });
    await submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.leader), false);
    expect(await rejection(reviewReport(h.client, reportId, { actor: as(PEOPLE.leader), decision: 'approve', rating: '好' }))).toBe('own_report');
    await reviewReport(h.client, reportId, { actor: as(PEOPLE.reviewer), decision: 'approve' });
    expect(await rejection(reviewReport(h.client, reportId, { actor: as(PEOPLE.leader), decision: 'approve', rating: '好' }))).toBe('own_report');
    const approved = await reviewReport(h.client, reportId, { actor: as(PEOPLE.partyGroupSecretary), decision: 'approve', rating: '较好' });
    expect(approved).toMatchObject({ state: 'approved', rating: '较好' });
    expect((await h.audit(reportId)).at(-1)).toEqual(['report.approved', PEOPLE.partyGroupSecretary]);
  });

  test('a leader approves only what passed review: a submitted report is refused, and nothing is written', async () => {
    const { reportId } = await h.startReport();
    await submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.secretary), false);
    expect(await rejection(reviewReport(h.client, reportId, { actor: as(PEOPLE.leader), decision: 'approve', rating: '好' }))).toBe('not_reviewed');
    expect((await h.db.report.findUniqueOrThrow({ where: { id: reportId } })).state).toBe('submitted');
    expect(await h.audit(reportId)).toHaveLength(2);
  });

  test('where the season allows it, a leader approves an unreviewed report only with a reason, which is recorded', async () => {
    const { reportId } = await h.startReport({ season: (file) => ({ ...file, leadersMayApproveUnreviewed: true }) });
    await submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.secretary), false);
    expect(await rejection(reviewReport(h.client, reportId, { actor: as(PEOPLE.leader), decision: 'approve', rating: '好' }))).toBe('reason_required');
    await reviewReport(h.client, reportId, { actor: as(PEOPLE.leader), decision: 'approve', rating: '好', reason: '审阅人病假，党组会议决定直接审批' });
    const event = await h.db.auditEvent.findFirstOrThrow({ where: { reportId, action: 'report.approved' } });
    expect(JSON.parse(event.detailJson)).toMatchObject({ rating: '好', unreviewed: true, reason: '审阅人病假，党组会议决定直接审批' });
  });

  test('a secretary cannot be made the reviewer of their own branch', async () => {
    const { reportId } = await h.startReport();
    expect(await rejection(changeRole(h.client, reportId, as(PEOPLE.admin), 'reviewer', PEOPLE.secretary))).toBe('own_report');
  });
});

describe('the text a request names', () => {
  const submitByHash = (handle: Awaited<ReturnType<typeof h.startReport>>['handle'], contentHash: string, text: string) =>
    handle.executeUpdate(submitUpdate, {
      args: [{ actor: as(PEOPLE.secretary), contentHash, acceptWarnings: true, size: { characters: text.length, bytes: Buffer.byteLength(text) } }],
    });

  test("a text stored a moment after the request that names it is still found (another process's write, not yet visible)", async () => {
    const { reportId, handle } = await h.startReport({ dueInDays: 10 });
    const text = GOOD_REPORT + '\n稍后写入。\n';
    const request = submitByHash(handle, createHash('sha256').update(text).digest('hex'), text);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await storeReportContent(h.db, text);
    expect(await request).toMatchObject({ versionNumber: 1 });
    expect(await h.db.reportVersion.count({ where: { reportId } })).toBe(1);
  });

  test('a binary file is refused as not text, by the client and, past it, by the activity; nothing is recorded', async () => {
    const { reportId, handle } = await h.startReport({ dueInDays: 10 });
    const binary = GOOD_REPORT + '\u0000\u0001PK\u0003\u0004';
    expect(await rejection(saveDraft(h.client, h.db, reportId, binary, as(PEOPLE.secretary)))).toBe('not_text');
    const hash = await storeReportContent(h.db, binary);
    await expect(submitByHash(handle, hash, binary)).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await h.audit(reportId)).toEqual([['report.assigned', 'system']]);
    expect(await h.db.reportVersion.count({ where: { reportId } })).toBe(0);
  });

  test('a text nobody stored is looked for a few times, then refused, and nothing is recorded', async () => {
    const { reportId, handle } = await h.startReport({ dueInDays: 10 });
    await expect(submitByHash(handle, 'f'.repeat(64), GOOD_REPORT)).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await h.audit(reportId)).toEqual([['report.assigned', 'system']]);
    expect(await h.db.reportVersion.count({ where: { reportId } })).toBe(0);
  });
});
