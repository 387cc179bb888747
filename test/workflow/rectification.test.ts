// 点评与整改 on the time-skipping server: leadership's 点评 on an approved report names two problems;
// one item lives its whole life — assigned, reminded, progress with evidence sent back, overdue,
// escalated, progress again, accepted (销号) — while the other stays open, counted as overdue.
import { acceptItem, giveFeedback, rectificationProgress, reportProgress, sendBackItem } from '../../app/rectification';
import { ReportRequestError, reviewReport, submitReport } from '../../app/report-commands';
import { rectificationWorkflowId, type RectificationSnapshot } from '../../domain/rectification';
import { seasonWorkflowId } from '../../domain/ids';
import { formatInZone } from '../../domain/time';
import { closeSeasonSignal } from '../../domain/season-api';
import { databaseKinds } from '../helpers/databases';
import { REPORT_WITH_MEASURES } from '../helpers/report-harness';
import { startSeasonOnTimeSkipping, type SeasonOnTimeSkipping } from '../helpers/season-time-skipping';
import { waitUntil } from '../helpers/wait';
import { DEMO } from '../helpers/seasons';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { at } from '../helpers/at';

const DAY = 86_400_000;
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof ReportRequestError ? error.code : Promise.reject(error)),
  );

describe('a rectification item (整改事项) on the time-skipping server', () => {
  let running: SeasonOnTimeSkipping;
  let env: SeasonOnTimeSkipping['env'];
  let scratch: SeasonOnTimeSkipping['scratch'];
  let mailer: SeasonOnTimeSkipping['mailer'];
  const leader = { email: DEMO.leader, channel: 'web' as const };
  const secretary = { email: DEMO.secretary, channel: 'web' as const };
  let items: string[] = [];
  const mailsOf = (subject: string) => mailer.sent.filter((m) => m.subject.includes(subject));
  const snapshotOf = (itemId: string) => env.client.workflow.getHandle(rectificationWorkflowId(itemId)).query<RectificationSnapshot>('rectification');
  const row = (itemId: string) => scratch.db.rectificationItem.findUniqueOrThrow({ where: { id: itemId } });

  beforeAll(async () => {
    running = await startSeasonOnTimeSkipping(at(databaseKinds(), 0, 'database kind'));
    ({ env, scratch, mailer } = running);
    await submitReport(env.client, scratch.db, DEMO.middle, REPORT_WITH_MEASURES, secretary, true);
    await reviewReport(env.client, DEMO.middle, { actor: { email: DEMO.admin, channel: 'cli' }, decision: 'approve' });
    await reviewReport(env.client, DEMO.middle, { actor: leader, decision: 'approve', rating: '较好' });
  });
  afterAll(() => running?.stop());

  test("the leader's 点评 names two problems: each an item for the secretary, its measure taken from the report", async () => {
    const now = await env.currentTimeMs();
    const feedback = {
      reportId: DEMO.middle,
      actor: leader,
      comment: '全年工作扎实，但组织生活不够规范。',
      problems: [{ text: '“三会一课”落实不到位', dueDate: new Date(now + 10 * DAY).toISOString() }, { text: '支部台账不完整' }],
    };
    expect(await refusalOf(giveFeedback(env.client, scratch.db, TEST_AUDIT_KEY, { ...feedback, actor: secretary }))).toBe('not_leader');
    // A day the month does not have is named as such, not answered with an example to copy.
    const february30 = { ...feedback, problems: [{ text: '台账不全', dueDate: '2027-02-30' }] };
    await expect(giveFeedback(env.client, scratch.db, TEST_AUDIT_KEY, february30)).rejects.toMatchObject({
      code: 'bad_date',
      reason: { 'zh-CN': '第 1 个问题的整改期限 2027-02-30 不是真实的日期：这个月只有 28 天，请改正。' },
    });
    items = await giveFeedback(env.client, scratch.db, TEST_AUDIT_KEY, feedback, new Date(now));
    expect(items).toEqual([`${DEMO.middle}/1`, `${DEMO.middle}/2`]);
    // The same 点评 again records nothing new; a different one is refused.
    await giveFeedback(env.client, scratch.db, TEST_AUDIT_KEY, feedback, new Date(now));
    expect(await refusalOf(giveFeedback(env.client, scratch.db, TEST_AUDIT_KEY, { ...feedback, comment: '另一条点评' }))).toBe('feedback_given');
    expect(await scratch.db.auditEvent.count({ where: { action: 'report.feedback_given' } })).toBe(1);
    await waitUntil(async () => (await scratch.db.rectificationItem.count()) === 2, 30_000, 'the items');
    const first = await row(items[0] as string);
    expect(first).toMatchObject({ ownerEmail: DEMO.secretary, state: 'open', measure: '落实“三会一课”制度，每月组织一次集中学习。' });
    // No date given: the season's 90 days, to the end of the last one in the season's zone.
    const lastDay = formatInZone(new Date(now + 90 * DAY), 'Asia/Shanghai').slice(0, 10);
    expect((await row(items[1] as string)).dueAt).toEqual(new Date(`${lastDay}T23:59:59.999+08:00`));
    await waitUntil(() => mailsOf('整改任务').length === 2, 30_000, 'the assignment mails');
  });

  test('reminded before its due date; progress with evidence goes to the reviewers; only the owner reports, only a reviewer decides', async () => {
    await env.sleep(3 * DAY + 60_000); // past the 7-days-before reminder
    await waitUntil(() => mailsOf('整改提醒').length === 1, 30_000, 'the reminder');
    const itemId = items[0] as string;
    const file = { name: '学习记录.pdf', mime: 'application/pdf', bytes: Buffer.from('%PDF-1.4 学习记录') };
    expect(await refusalOf(reportProgress(env.client, scratch.db, { itemId, actor: leader, text: '已整改', files: [] }))).toBe('not_owner');
    expect(await refusalOf(reportProgress(env.client, scratch.db, { itemId, actor: secretary, text: ' ', files: [] }))).toBe('empty_progress');
    const after = await reportProgress(env.client, scratch.db, { itemId, actor: secretary, text: '已制定学习计划。', files: [file] });
    expect(after).toMatchObject({ state: 'progress_reported', progressReports: 1 });
    expect(await scratch.db.evidenceFile.count()).toBe(1);
    await waitUntil(() => mailsOf('整改待验收').length >= 2, 30_000, 'the reviewers told');
    expect(await refusalOf(acceptItem(env.client, { itemId, actor: secretary }))).toBe('not_reviewer');
    expect(await refusalOf(sendBackItem(env.client, { itemId, actor: leader, comment: '' }))).toBe('comment_required');
    expect(await refusalOf(sendBackItem(env.client, { itemId, actor: leader, comment: '补'.repeat(2_001) }))).toBe('too_long');
    expect(await sendBackItem(env.client, { itemId, actor: leader, comment: '请附上会议记录。' })).toMatchObject({ state: 'open', sentBack: 1 });
  });

  test('overdue: the owner is told at the due date and the admins three days after', async () => {
    await env.sleep(7 * DAY + 60_000); // past the day-before reminder and the due date
    await waitUntil(() => mailsOf('整改逾期】').length >= 1, 30_000, 'the overdue mail');
    await env.sleep(3 * DAY);
    await waitUntil(() => mailsOf('整改逾期上报').length === 1, 30_000, 'the escalation');
    expect(mailsOf('整改逾期上报').map((m) => m.to)).toEqual([DEMO.admin]);
    expect(await snapshotOf(items[0] as string)).toMatchObject({ overdue: true, escalated: true, state: 'open' });
    expect(await rectificationProgress(scratch.db, running.seasonId, new Date(await env.currentTimeMs()))).toMatchObject({ total: 2, accepted: 0, overdue: 1 });
  });

  test('progress again, accepted: the item is closed (销号) and its workflow ends; the record holds every step once', async () => {
    const itemId = items[0] as string;
    await reportProgress(env.client, scratch.db, { itemId, actor: secretary, text: '已补充会议记录。', files: [] });
    // The admin and the leader accept at the same moment: one 销号 is recorded, the other refused.
    const verdicts = await Promise.all(
      [acceptItem(env.client, { itemId, actor: { email: DEMO.admin, channel: 'cli' } }), acceptItem(env.client, { itemId, actor: leader })].map(refusalOf),
    );
    expect(verdicts.sort()).toEqual(['accepted', 'wrong_state']);
    const result = (await env.client.workflow.getHandle(rectificationWorkflowId(itemId)).result()) as RectificationSnapshot;
    expect(result).toMatchObject({ state: 'accepted', progressReports: 2, sentBack: 1 });
    expect(await row(itemId)).toMatchObject({ state: 'accepted', progressReports: 2, sentBack: 1 });
    const actions = (await scratch.db.auditEvent.findMany({ where: { detailJson: { contains: `"itemId":"${itemId}"` } }, orderBy: { id: 'asc' } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual([
      'rectification.created',
      'rectification.reminded',
      'rectification.progress_reported',
      'rectification.sent_back',
      'rectification.reminded',
      'rectification.overdue',
      'rectification.escalated',
      'rectification.progress_reported',
      'rectification.accepted',
    ]);
    expect(await scratch.db.rectificationProgress.count({ where: { itemId } })).toBe(2);
    await waitUntil(() => mailsOf('整改销号').length === 1, 30_000, 'the owner told');
    expect(await rectificationProgress(scratch.db, running.seasonId, new Date(await env.currentTimeMs()))).toMatchObject({
      total: 2,
      accepted: 1,
      completionRate: 50,
    });
  });

  test('closing the season leaves the open item running into the next: it still takes progress', async () => {
    const season = env.client.workflow.getHandle(seasonWorkflowId(running.seasonId));
    await season.signal(closeSeasonSignal, { actor: { email: DEMO.admin, channel: 'cli' } });
    await season.result();
    const other = items[1] as string;
    expect((await env.client.workflow.getHandle(rectificationWorkflowId(other)).describe()).status.name).toBe('RUNNING');
    expect(await reportProgress(env.client, scratch.db, { itemId: other, actor: secretary, text: '台账已补齐。', files: [] })).toMatchObject({
      state: 'progress_reported',
    });
  });

  test('销号 and 退回 sent at the same moment: one is done, the other refused, and the record agrees with the item', async () => {
    const other = items[1] as string;
    const [accepted, sentBack] = await Promise.all([
      refusalOf(acceptItem(env.client, { itemId: other, actor: { email: DEMO.admin, channel: 'cli' } })),
      refusalOf(sendBackItem(env.client, { itemId: other, actor: leader, comment: '台账还缺第三季度。' })),
    ]);
    expect([accepted, sentBack].sort()).toEqual(['accepted', 'wrong_state']);
    const state = accepted === 'accepted' ? 'accepted' : 'open';
    await waitUntil(async () => (await row(other)).state === state, 30_000, 'the item as its workflow left it');
    const verdicts = await scratch.db.auditEvent.count({
      where: { action: { in: ['rectification.accepted', 'rectification.sent_back'] }, detailJson: { contains: `"itemId":"${other}"` } },
    });
    expect(verdicts).toBe(1);
    // Left open, the owner can still report; once accepted, the item is closed.
    const next = await refusalOf(reportProgress(env.client, scratch.db, { itemId: other, actor: secretary, text: '已补齐第三季度台账。', files: [] }));
    expect(next).toBe(state === 'open' ? 'accepted' : 'wrong_state');
  });
});
