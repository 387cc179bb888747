// The branch report's life on the time-skipping server: each path of the cycle, its mail and
// its record. Time is skipped, so "seven days before the due date" takes milliseconds.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { addBranch, extendSeason } from '../../app/season-changes';
import {
  changeRole,
  delegateReport,
  extendReport,
  exemptReport,
  reassignReport,
  remindNow,
  reviewReport,
  saveDraft,
  storeReportContent,
  submitReport,
} from '../../app/report-commands';
import { closeSignal, reportQuery, submitUpdate } from '../../domain/report-api';
import { as, DAY, GOOD_REPORT, PEOPLE, rejection, ReportHarness } from '../helpers/report-harness';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { at } from '../helpers/at';

const h = new ReportHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

/** The record of a report drafted once, submitted, passed by its reviewer and approved by leadership. */
const DRAFTED_PASSED_APPROVED = [
  ['report.assigned', 'system'],
  ['report.draft_saved', PEOPLE.secretary],
  ['report.submitted', PEOPLE.secretary],
  ['report.review_passed', PEOPLE.reviewer],
  ['report.approved', PEOPLE.leader],
];

test('a report submitted on time is reviewed, approved and settled when the season closes', async () => {
  const { reportId, handle } = await h.startReport();
  await saveDraft(h.client, h.db, reportId, '## 一、主要工作\n草稿', as(PEOPLE.secretary));
  const submitted = await submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.secretary), false);
  expect(submitted).toMatchObject({ versionNumber: 2, figures: { probationaryMembersRecruited: 2, duesCollectedYuan: 3000 } });
  await reviewReport(h.client, reportId, { actor: as(PEOPLE.reviewer), decision: 'approve', comment: '同意' });
  const approved = await reviewReport(h.client, reportId, { actor: as(PEOPLE.leader), decision: 'approve', rating: '好' });
  expect(approved).toMatchObject({ state: 'approved', rating: '好' });

  await handle.signal(closeSignal, { actor: as(PEOPLE.admin) });
  expect(await handle.result()).toMatchObject({ reportId, state: 'approved', mailsAsked: 2, record: { events: 5 } });

  expect(await h.audit(reportId)).toEqual(DRAFTED_PASSED_APPROVED);
  expect((await h.mails(reportId)).map((m) => [m.kind, m.to])).toEqual([
    ['assignment', PEOPLE.secretary],
    ['approved', PEOPLE.secretary],
  ]);
  const row = await h.db.report.findUniqueOrThrow({ where: { id: reportId } });
  expect(row).toMatchObject({ state: 'approved', rating: '好', currentVersion: 2, revisionRounds: 0 });
  expect(await h.db.rating.count({ where: { reportId } })).toBe(1);
});

test('without a submission: reminders 7, 3 and 1 days before, then the liaison, then the Party group secretary', async () => {
  const { reportId, dueAt } = await h.startReport({ dueInDays: 10 });
  await h.env.sleep(10 * DAY + 3 * DAY + 60_000);
  await h.waitFor(async () => (await h.mails(reportId)).length >= 6);

  expect((await h.mails(reportId)).map((m) => [m.kind, m.to, m.at])).toEqual([
    ['assignment', PEOPLE.secretary, expect.any(Number)],
    ['reminder', PEOPLE.secretary, dueAt - 7 * DAY],
    ['reminder', PEOPLE.secretary, dueAt - 3 * DAY],
    ['reminder', PEOPLE.secretary, dueAt - 1 * DAY],
    ['escalation', PEOPLE.liaison, dueAt + 1 * DAY],
    ['escalation', PEOPLE.partyGroupSecretary, dueAt + 3 * DAY],
  ]);
  expect(await h.audit(reportId)).toEqual([
    ['report.assigned', 'system'],
    ['report.reminded', 'system'],
    ['report.reminded', 'system'],
    ['report.reminded', 'system'],
    ['report.escalated', 'system'],
    ['report.escalated', 'system'],
  ]);
  expect(await h.db.report.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({ escalatedTo: 'party_group_secretary' });
  // Each says the time as it is, and the escalations name the secretary, not her address.
  const told = (await h.deliveredMails(reportId)).slice(1); // after the assignment
  expect(told.map((mail) => mail.subject.replace(/】.*?(还有)/, '】$1'))).toEqual([
    '【述职提醒】还有7天',
    '【述职提醒】还有3天',
    '【述职提醒】还有1天',
    '【述职督办】实验小学党支部述职报告逾期未交',
    '【述职督办】实验小学党支部述职报告逾期未交',
  ]);
  expect(told.slice(3).map((mail) => /逾期(.+?)仍未提交/.exec(mail.text)?.[1])).toEqual(['1天', '3天']);
  expect(at(told, 3).text).toContain(`（书记：${PEOPLE.secretary.split('@')[0]}）`);
});

test('still not in after the last escalation: a weekly overdue notice to the secretary, recorded with whom it went to', async () => {
  const { reportId, dueAt, handle } = await h.startReport({ dueInDays: 10 });
  const lastEscalation = dueAt + 3 * DAY;
  await h.env.sleep(10 * DAY + 3 * DAY + 2 * 7 * DAY + 60_000);
  await h.waitFor(async () => (await h.mails(reportId)).length >= 8);

  const weekly = (await h.mails(reportId)).slice(6);
  expect(weekly.map((m) => [m.kind, m.to, m.at])).toEqual([
    ['reminder', PEOPLE.secretary, lastEscalation + 7 * DAY],
    ['reminder', PEOPLE.secretary, lastEscalation + 14 * DAY],
  ]);
  const notices = await h.db.auditEvent.findMany({ where: { reportId, action: 'report.overdue_reminded' }, orderBy: { id: 'asc' } });
  expect(notices.map((e) => (JSON.parse(e.detailJson) as { to: string[] }).to)).toEqual([[PEOPLE.secretary], [PEOPLE.secretary]]);
  const [overdueMail] = (await h.deliveredMails(reportId)).filter((mail) => mail.to === PEOPLE.secretary && mail.subject.includes('逾期'));
  expect(overdueMail).toBeDefined();
  // Settled, so its weekly notices stop and do not reach the later tests' mailer.
  await handle.signal(closeSignal, { actor: as(PEOPLE.admin) });
  await handle.result();
});

test('reminders minutes apart reach the secretary at most once an hour: the later ones come as one, and the record says so', async () => {
  const MINUTE = 60_000;
  const { reportId, dueAt, handle } = await h.startReport({ dueInMs: DAY, schedule: { remindersBeforeDue: ['5m', '3m', '1m'] } });
  await h.env.sleep(DAY - 5 * MINUTE + 1_000);
  await h.waitFor(async () => (await h.mails(reportId)).length >= 2);
  await h.env.sleep(2 * 3_600_000);
  await h.waitFor(async () => (await h.mails(reportId)).length >= 3);

  const mails = await h.mails(reportId);
  expect(mails.map((m) => [m.kind, m.to])).toEqual([
    ['assignment', PEOPLE.secretary],
    ['reminder', PEOPLE.secretary],
    ['reminder', PEOPLE.secretary],
  ]);
  // The held reminder is due an hour after the first was told (a little after it was planned).
  const [, first, merged] = mails.map((m) => m.at ?? NaN);
  expect(first).toBeGreaterThanOrEqual(dueAt - 5 * MINUTE);
  expect((merged ?? NaN) - (first ?? NaN)).toBeGreaterThanOrEqual(3_600_000);
  expect((merged ?? NaN) - (first ?? NaN)).toBeLessThan(3_600_000 + 5 * MINUTE);
  // This report's two reminders, as the secretary read them.
  const reminders = (await h.deliveredMails(reportId)).filter((mail) => mail.to === PEOPLE.secretary && /^【述职(提醒|逾期)】/.test(mail.subject));
  // Minutes, as they were when it was sent: never "1小时" rounded up from a few minutes.
  expect(reminders.map((mail) => mail.subject)).toEqual([
    expect.stringMatching(/^【述职提醒】距截止还有[45]分钟$/),
    '【述职逾期】实验小学党支部述职报告已逾期',
  ]);
  expect(reminders[1]?.text).toContain('另有 1 次提醒合并到本邮件一并告知');
  const recorded = await h.db.auditEvent.findMany({ where: { reportId, action: 'report.reminded' }, orderBy: { id: 'asc' } });
  expect(recorded.map((e) => JSON.parse(e.detailJson) as Record<string, unknown>)).toEqual([
    expect.not.objectContaining({ heldByNoticeGap: true }),
    expect.objectContaining({
      plannedAt: new Date(dueAt - MINUTE).toISOString(),
      missed: [expect.stringContaining('/reminder/180000')],
      heldByNoticeGap: true,
    }),
  ]);
  await handle.signal(closeSignal, { actor: as(PEOPLE.admin) });
  await handle.result();
});

test('extending the due date moves every pending reminder and escalation', async () => {
  const { reportId, dueAt } = await h.startReport({ dueInDays: 10 });
  await h.env.sleep(4 * DAY); // the 7-day reminder has gone out
  await h.waitFor(async () => (await h.mails(reportId)).length >= 2);

  // Earlier than the due date is no extension, nor is a slip of the year: refused, nothing recorded.
  expect(await rejection(extendReport(h.client, reportId, as(PEOPLE.admin), new Date(dueAt - DAY)))).toBe('not_later');
  expect(await rejection(extendReport(h.client, reportId, as(PEOPLE.admin), new Date(dueAt + 400 * DAY)))).toBe('too_far');
  const newDue = dueAt + 10 * DAY;
  await extendReport(h.client, reportId, as(PEOPLE.admin), new Date(newDue));
  await h.env.sleep(19 * DAY + 60_000); // past the new due date's last escalation
  await h.waitFor(async () => (await h.mails(reportId)).length >= 8);

  expect((await h.mails(reportId)).map((m) => [m.kind, m.to, m.at])).toEqual([
    ['assignment', PEOPLE.secretary, expect.any(Number)],
    ['reminder', PEOPLE.secretary, dueAt - 7 * DAY],
    ['extension', PEOPLE.secretary, expect.any(Number)],
    ['reminder', PEOPLE.secretary, newDue - 7 * DAY],
    ['reminder', PEOPLE.secretary, newDue - 3 * DAY],
    ['reminder', PEOPLE.secretary, newDue - 1 * DAY],
    ['escalation', PEOPLE.liaison, newDue + 1 * DAY],
    ['escalation', PEOPLE.partyGroupSecretary, newDue + 3 * DAY],
  ]);
  expect((await h.audit(reportId)).filter(([action]) => action === 'report.extended')).toEqual([['report.extended', PEOPLE.admin]]);
});

test('two revision rounds, then approval; reminders follow each revision’s own due date', async () => {
  // Due in 5 days: the revision period (7 days) runs past it, so each revision has a due date of its own.
  const { reportId } = await h.startReport({ dueInDays: 5 });
  const secretary = as(PEOPLE.secretary);
  const reviewer = as(PEOPLE.reviewer);

  await submitReport(h.client, h.db, reportId, GOOD_REPORT, secretary, false);
  const askedAt = await h.now();
  const first = await reviewReport(h.client, reportId, { actor: reviewer, decision: 'request_revision', comment: '请补充具体数据' });
  expect(first).toMatchObject({ state: 'revision_requested', revisionRound: 1 });
  const revisionDue = Date.parse(first.revisionDueAt ?? '');
  expect(revisionDue - askedAt).toBeGreaterThanOrEqual(7 * DAY); // the season's revision period
  expect(revisionDue - askedAt).toBeLessThan(7 * DAY + 60_000);

  await h.env.sleep(6 * DAY + 60_000); // the revision's 3- and 1-day reminders go out
  await h.waitFor(async () => (await h.mails(reportId)).filter((m) => m.kind === 'reminder').length >= 2);
  await submitReport(h.client, h.db, reportId, GOOD_REPORT + '\n补充：全年开展主题党日12次。\n', secretary, false);
  await reviewReport(h.client, reportId, { actor: reviewer, decision: 'request_revision', comment: '问题部分再具体些' });
  await submitReport(h.client, h.db, reportId, GOOD_REPORT + '\n补充：全年开展主题党日12次。问题已细化。\n', secretary, false);
  await reviewReport(h.client, reportId, { actor: reviewer, decision: 'approve' });
  await reviewReport(h.client, reportId, { actor: as(PEOPLE.leader), decision: 'approve', rating: '较好' });

  const mails = await h.mails(reportId);
  expect(mails.map((m) => [m.kind, m.to])).toEqual([
    ['assignment', PEOPLE.secretary],
    ['revision_requested', PEOPLE.secretary],
    ['reminder', PEOPLE.secretary],
    ['reminder', PEOPLE.secretary],
    ['revision_requested', PEOPLE.secretary],
    ['approved', PEOPLE.secretary],
  ]);
  expect(at(mails, 2).at).toBe(revisionDue - 3 * DAY);
  expect(at(mails, 3).at).toBe(revisionDue - 1 * DAY);
  expect(await h.audit(reportId)).toEqual([
    ['report.assigned', 'system'],
    ['report.submitted', PEOPLE.secretary],
    ['report.revision_requested', PEOPLE.reviewer],
    ['report.reminded', 'system'],
    ['report.reminded', 'system'],
    ['report.resubmitted', PEOPLE.secretary],
    ['report.revision_requested', PEOPLE.reviewer],
    ['report.resubmitted', PEOPLE.secretary],
    ['report.review_passed', PEOPLE.reviewer],
    ['report.approved', PEOPLE.leader],
  ]);
  expect(await h.db.report.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({ state: 'approved', revisionRounds: 2, currentVersion: 3 });
  expect(await h.db.reviewComment.findMany({ where: { reportId }, select: { versionNumber: true, body: true } })).toEqual([
    { versionNumber: 1, body: '请补充具体数据' },
    { versionNumber: 2, body: '问题部分再具体些' },
  ]);
});

test('reassigning mid-draft hands the report, its reminders and its rights to the new secretary', async () => {
  const { reportId, dueAt } = await h.startReport({ dueInDays: 10 });
  await saveDraft(h.client, h.db, reportId, '## 一、主要工作\n旧书记的草稿', as(PEOPLE.secretary));
  await reassignReport(h.client, reportId, as(PEOPLE.admin), PEOPLE.newSecretary, '新书记');

  expect(await rejection(saveDraft(h.client, h.db, reportId, '还想改', as(PEOPLE.secretary)))).toBe('not_secretary');
  await saveDraft(h.client, h.db, reportId, '## 一、主要工作\n新书记接手', as(PEOPLE.newSecretary));
  await h.env.sleep(7 * DAY + 60_000);
  await h.waitFor(async () => (await h.mails(reportId)).length >= 5);

  expect((await h.mails(reportId)).map((m) => [m.kind, m.to])).toEqual([
    ['assignment', PEOPLE.secretary],
    ['assignment', PEOPLE.newSecretary],
    ['reassignment', PEOPLE.secretary],
    ['reminder', PEOPLE.newSecretary],
    ['reminder', PEOPLE.newSecretary],
  ]);
  expect((await h.mails(reportId)).slice(3).map((m) => m.at)).toEqual([dueAt - 7 * DAY, dueAt - 3 * DAY]);
  expect(await h.audit(reportId)).toEqual([
    ['report.assigned', 'system'],
    ['report.draft_saved', PEOPLE.secretary],
    ['report.reassigned', PEOPLE.admin],
    ['report.draft_saved', PEOPLE.newSecretary],
    ['report.reminded', 'system'],
    ['report.reminded', 'system'],
  ]);
  const roles = await h.db.roleAssignment.findMany({
    where: { organizationId: 'school', role: 'secretary', seasonId: reportId.split('/')[0] },
    include: { person: true },
    orderBy: { validFrom: 'asc' },
  });
  expect(roles.map((r) => [r.person.email, r.validUntil === null])).toEqual([
    [PEOPLE.secretary, false],
    [PEOPLE.newSecretary, true],
  ]);
});

test('an exempted branch is reminded of nothing and stays exempted when the season closes', async () => {
  const { reportId, handle } = await h.startReport({ dueInDays: 10 });
  await exemptReport(h.client, reportId, as(PEOPLE.admin), 'exempted', '支部撤并');
  await h.env.sleep(20 * DAY);
  await handle.signal(closeSignal, { actor: as(PEOPLE.admin) });
  expect(await handle.result()).toMatchObject({ reportId, state: 'exempted', record: { events: 2 } });
  expect((await h.mails(reportId)).map((m) => m.kind)).toEqual(['assignment']);
  expect(await h.audit(reportId)).toEqual([
    ['report.assigned', 'system'],
    ['report.exempted', PEOPLE.admin],
  ]);
});

test('a review that sits past its SLA reminds the reviewer, then escalates to the admins', async () => {
  const { reportId } = await h.startReport({ dueInDays: 10 });
  await submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.secretary), false);
  const submittedAt = (await h.db.report.findUniqueOrThrow({ where: { id: reportId } })).submittedAt?.getTime() ?? 0;
  await h.env.sleep(5 * DAY + 60_000);
  await h.waitFor(async () => (await h.mails(reportId)).length >= 3);

  expect((await h.mails(reportId)).map((m) => [m.kind, m.to, m.at])).toEqual([
    ['assignment', PEOPLE.secretary, expect.any(Number)],
    ['review_reminder', PEOPLE.reviewer, submittedAt + 4 * DAY],
    ['review_escalation', PEOPLE.admin, submittedAt + 5 * DAY],
  ]);
  expect((await h.audit(reportId)).slice(2)).toEqual([
    ['report.review_reminded', 'system'],
    ['report.review_escalated', 'system'],
  ]);
  // Nothing about the writing deadline is sent once the report is in: the due date passes quietly.
  await h.env.sleep(10 * DAY);
  expect((await h.mails(reportId)).length).toBe(3);
});

test('a refused request — wrong person, wrong state, failing check — changes nothing', async () => {
  const { reportId, handle } = await h.startReport({ dueInDays: 10 });
  const before = { audit: await h.audit(reportId), report: await h.db.report.findUniqueOrThrow({ where: { id: reportId } }) };

  expect(await rejection(submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.liaison), false))).toBe('not_secretary');
  expect(await rejection(reviewReport(h.client, reportId, { actor: as(PEOPLE.reviewer), decision: 'approve' }))).toBe('wrong_state');
  expect(await rejection(extendReport(h.client, reportId, as(PEOPLE.secretary), new Date((await h.now()) + 30 * DAY)))).toBe('not_admin');
  expect(await rejection(submitReport(h.client, h.db, reportId, '## 一、主要工作\n只有一部分', as(PEOPLE.secretary), false))).toBe('check_failed');
  expect(await rejection(submitReport(h.client, h.db, reportId, GOOD_REPORT.replace('2 名', 'X名'), as(PEOPLE.secretary), false))).toBe(
    'warnings_not_accepted',
  );

  // Straight to the workflow, past the client's own check: the activity refuses it too.
  const badHash = await storeReportContent(h.db, '## 一、主要工作\n没有其他部分');
  await expect(
    handle.executeUpdate(submitUpdate, {
      args: [{ actor: as(PEOPLE.secretary), contentHash: badHash, acceptWarnings: true, size: { characters: 20, bytes: 60 } }],
    }),
  ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  expect(await handle.query(reportQuery)).toMatchObject({ state: 'assigned', latestVersion: 0 });
  expect(await h.audit(reportId)).toEqual(before.audit);
  expect(await h.db.report.findUniqueOrThrow({ where: { id: reportId } })).toEqual(before.report);
  expect(await h.db.reportVersion.count({ where: { reportId } })).toBe(0);

  // Validator refusals never reach history: only the one update that passed validation is there.
  const history = await handle.fetchHistory();
  const accepted = history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? [];
  expect(accepted).toHaveLength(1);
});

test('a reviewer passing and sending back at the same moment (two tabs): one is recorded, the other refused', async () => {
  const { reportId, handle } = await h.startReport({ dueInDays: 10 });
  await submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.secretary), false);
  const outcome = (request: Promise<unknown>) =>
    request.then(
      () => 'done',
      (error: unknown) => rejection(Promise.reject(error)),
    );
  // Both pass the update's validator together; the second must meet the report as the first left it.
  const [passed, sentBack] = await Promise.all([
    outcome(reviewReport(h.client, reportId, { actor: as(PEOPLE.reviewer), decision: 'approve' })),
    outcome(reviewReport(h.client, reportId, { actor: as(PEOPLE.reviewer), decision: 'request_revision', comment: '请补充党费收缴情况。' })),
  ]);
  expect([passed, sentBack].sort()).toEqual(['done', 'wrong_state']);
  const state = passed === 'done' ? 'reviewed' : 'revision_requested';
  expect(await handle.query(reportQuery)).toMatchObject({ state });
  const decisions = (await h.audit(reportId)).filter(([action]) => action === 'report.review_passed' || action === 'report.revision_requested');
  expect(decisions).toHaveLength(1);
  expect(await h.db.report.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({ state });
});

test('a long-lived report continues as new and keeps its state', async () => {
  const { reportId, handle } = await h.startReport({ dueInDays: 10, maxHistoryEvents: 40 });
  const firstRun = (await handle.describe()).runId;
  for (let i = 1; i <= 8; i++) await saveDraft(h.client, h.db, reportId, `## 一、主要工作\n第${i}稿`, as(PEOPLE.secretary));
  await h.waitFor(async () => (await handle.describe()).runId !== firstRun);
  const submitted = await submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.secretary), false);
  expect(submitted.versionNumber).toBe(9);
  expect(await handle.query(reportQuery)).toMatchObject({ state: 'submitted', latestVersion: 9 });
  expect((await h.mails(reportId)).map((m) => m.kind)).toEqual(['assignment']);
});

test('a report that passed review waits for leadership in a fresh run, so approving it replays little', async () => {
  const { reportId, handle } = await h.startReport({ dueInDays: 10 });
  const firstRun = (await handle.describe()).runId;
  await saveDraft(h.client, h.db, reportId, '## 一、主要工作\n草稿', as(PEOPLE.secretary));
  await submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.secretary), false);
  await reviewReport(h.client, reportId, { actor: as(PEOPLE.reviewer), decision: 'approve' });
  await h.waitFor(async () => (await handle.describe()).runId !== firstRun);

  const firstRunHistory = await h.client.workflow.getHandle(handle.workflowId, firstRun).fetchHistory();
  expect(firstRunHistory.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  const waiting = await handle.fetchHistory();
  expect(waiting.events?.length).toBeLessThan(10);
  expect(await handle.query(reportQuery)).toMatchObject({ state: 'reviewed', latestVersion: 2, submittedVersion: 2 });
  // Waiting for leadership, nobody a reminder could be for: the secretary is not told to submit.
  expect(await rejection(remindNow(h.client, reportId, as(PEOPLE.admin)))).toBe('nothing_to_remind');

  const approved = await reviewReport(h.client, reportId, { actor: as(PEOPLE.leader), decision: 'approve', rating: '好' });
  expect(approved).toMatchObject({ state: 'approved', rating: '好' });
  expect(await h.audit(reportId)).toEqual(DRAFTED_PASSED_APPROVED);
  expect((await h.mails(reportId)).map((m) => m.kind)).toEqual(['assignment', 'approved']);
});

test('mail that SMTP refuses is retried with backoff and delivered once when SMTP is back', async () => {
  const attemptsBefore = h.mailer.attempts;
  h.mailer.failNext(3);
  const { reportId } = await h.startReport({ awaitAssignmentMail: false });
  await h.env.sleep(60_000); // retries after 5 s, 10 s and 20 s
  await h.waitFor(async () => (await h.mails(reportId)).length === 1);
  expect(h.mailer.attempts - attemptsBefore).toBe(4);
  expect(h.mailer.sent.filter((m) => m.text.includes(reportId.replace('/', '%2F')))).toHaveLength(1);
  expect(await h.db.sentMail.count({ where: { reportId, status: 'sent' } })).toBe(1);
});

test('a leader’s approval is answered while SMTP refuses its mail, which is delivered once when SMTP is back', async () => {
  const { reportId } = await h.startReport({ dueInDays: 10 });
  await submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.secretary), false);
  await reviewReport(h.client, reportId, { actor: as(PEOPLE.reviewer), decision: 'approve' });
  const attemptsBefore = h.mailer.attempts;
  h.mailer.failNext(3); // the first try, then the retries at once and after 5 s

  const approved = await reviewReport(h.client, reportId, { actor: as(PEOPLE.leader), decision: 'approve', rating: '好' });
  expect(approved).toMatchObject({ state: 'approved', rating: '好' });
  expect((await h.mails(reportId)).map((m) => m.kind)).toEqual(['assignment']);

  await h.env.sleep(60_000);
  await h.waitFor(async () => (await h.mails(reportId)).length === 2);
  expect((await h.mails(reportId)).map((m) => m.kind)).toEqual(['assignment', 'approved']);
  expect(h.mailer.attempts - attemptsBefore).toBe(4);
  expect(await h.db.sentMail.count({ where: { reportId, kind: 'approved', status: 'sent' } })).toBe(1);
});

/** A report due in 10 days, 3 days on: its 7-days-before reminder is recorded, and SMTP still refuses its mail. */
async function reportWhoseReminderSmtpRefuses() {
  const started = await h.startReport({ dueInDays: 10 });
  h.mailer.failNext(1_000);
  await h.env.sleep(3 * DAY + 60_000);
  await h.waitFor(async () => (await h.audit(started.reportId)).some(([action]) => action === 'report.reminded'));
  return started;
}

test('a reminder SMTP refuses does not hold up the secretary’s submission, and is delivered once when SMTP is back', async () => {
  const { reportId, dueAt } = await reportWhoseReminderSmtpRefuses();

  const submitted = await submitReport(h.client, h.db, reportId, GOOD_REPORT, as(PEOPLE.secretary), false);
  expect(submitted.versionNumber).toBe(1);
  expect((await h.mails(reportId)).map((m) => m.kind)).toEqual(['assignment']);

  h.mailer.failNext(0);
  await h.env.sleep(15 * 60_000); // past the next retry
  await h.waitFor(async () => (await h.mails(reportId)).length === 2);
  expect((await h.mails(reportId)).map((m) => [m.kind, m.at])).toEqual([
    ['assignment', expect.any(Number)],
    ['reminder', dueAt - 7 * DAY],
  ]);
  expect(await h.db.report.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({ state: 'submitted' });
});

test('mail asked for while older mail waits for SMTP goes out after it, in the order asked', async () => {
  const { reportId } = await reportWhoseReminderSmtpRefuses();

  h.mailer.failNext(0); // SMTP is back, but the reminder waits for its next retry
  await extendReport(h.client, reportId, as(PEOPLE.admin), new Date((await h.now()) + 30 * DAY));
  expect(await h.db.sentMail.count({ where: { reportId, kind: 'extension', status: 'sent' } })).toBe(0);

  await h.env.sleep(15 * 60_000); // past the reminder's next retry
  await h.waitFor(async () => (await h.db.sentMail.count({ where: { reportId, status: 'sent' } })) === 3);
  const sent = await h.db.sentMail.findMany({ where: { reportId }, orderBy: { sentAt: 'asc' } });
  expect(sent.map((m) => m.kind)).toEqual(['assignment', 'reminder', 'extension']);
});

test('a delegate reviews on the reviewer’s behalf until the delegation ends', async () => {
  const { reportId } = await h.startReport({ dueInDays: 10 });
  const secretary = as(PEOPLE.secretary);
  await submitReport(h.client, h.db, reportId, GOOD_REPORT, secretary, false);
  expect(await rejection(reviewReport(h.client, reportId, { actor: as(PEOPLE.liaison), decision: 'request_revision', comment: '补充' }))).toBe('not_reviewer');

  await delegateReport(h.client, reportId, as(PEOPLE.admin), PEOPLE.reviewer, PEOPLE.liaison, new Date((await h.now()) + 2 * DAY));
  await reviewReport(h.client, reportId, { actor: as(PEOPLE.liaison), decision: 'request_revision', comment: '请补充数据' });
  await submitReport(h.client, h.db, reportId, GOOD_REPORT + '\n补充。\n', secretary, false);
  await h.env.sleep(3 * DAY); // the delegation has ended
  expect(await rejection(reviewReport(h.client, reportId, { actor: as(PEOPLE.liaison), decision: 'approve' }))).toBe('not_reviewer');
  await reviewReport(h.client, reportId, { actor: as(PEOPLE.reviewer), decision: 'approve' });

  const events = await h.db.auditEvent.findMany({
    where: { reportId, action: { in: ['report.delegated', 'report.revision_requested', 'report.review_passed'] } },
    orderBy: { id: 'asc' },
  });
  expect(events.map((e) => [e.action, e.actorEmail, e.onBehalfOf])).toEqual([
    ['report.delegated', PEOPLE.admin, null],
    ['report.revision_requested', PEOPLE.liaison, PEOPLE.reviewer],
    ['report.review_passed', PEOPLE.reviewer, null],
  ]);
});

test('a new liaison is the one the overdue report is escalated to', async () => {
  const { reportId } = await h.startReport({ dueInDays: 2, schedule: { remindersBeforeDue: [] } });
  await changeRole(h.client, reportId, as(PEOPLE.admin), 'liaison', 'new.liaison@bureau.example', '新联系人');
  await h.env.sleep(3 * DAY + 60_000);
  await h.waitFor(async () => (await h.mails(reportId)).some((m) => m.kind === 'escalation'));
  expect((await h.mails(reportId)).filter((m) => m.kind === 'escalation').map((m) => m.to)).toEqual(['new.liaison@bureau.example']);
  expect(await h.db.report.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({ liaisonEmail: 'new.liaison@bureau.example' });
  expect((await h.audit(reportId)).map(([action]) => action)).toContain('report.liaison_changed');
});

test('a branch added mid-season gets its report workflow and assignment; extending the season moves its due date, never earlier', async () => {
  const { seasonId } = await h.startReport({ dueInDays: 10 });
  await addBranch(
    h.client,
    h.db,
    seasonId,
    { id: 'new-school', name: '新建学校党支部', secretary: 'new.school@school.example', secretaryName: '新校书记' },
    as(PEOPLE.admin),
    TEST_AUDIT_KEY,
  );
  const added = `${seasonId}/new-school`;
  await h.waitFor(async () => (await h.mails(added)).length === 1);
  expect((await h.mails(added))[0]).toMatchObject({ kind: 'assignment', to: 'new.school@school.example' });

  const until = new Date((await h.now()) + 20 * DAY);
  const results = await extendSeason(h.client, h.db, { seasonId, until, actor: as(PEOPLE.admin) });
  expect(results.map((r) => [r.reportId, r.outcome])).toEqual([
    [`${seasonId}/new-school`, 'done'],
    [`${seasonId}/school`, 'done'],
  ]);
  expect((await h.db.report.findUniqueOrThrow({ where: { id: added } })).dueAt.getTime()).toBe(until.getTime());
  expect(await h.db.auditEvent.count({ where: { seasonId, action: 'season.branch_added' } })).toBe(1);

  // A second, shorter extension of the whole season leaves both reports their later date.
  const earlier = new Date(until.getTime() - 5 * DAY);
  const again = await extendSeason(h.client, h.db, { seasonId, until: earlier, actor: as(PEOPLE.admin) });
  expect(again.map((r) => [r.reportId, r.outcome, r.code])).toEqual([
    [`${seasonId}/new-school`, 'skipped', 'already_due_later'],
    [`${seasonId}/school`, 'skipped', 'already_due_later'],
  ]);
  expect((await h.db.report.findUniqueOrThrow({ where: { id: added } })).dueAt.getTime()).toBe(until.getTime());
});
