// Each person sees their next step (issue #24, defects 3, 8, 9, 10 and 12), in real Chromium on
// the real stack: the secretary's to-do list, the step indicator naming who acts now and by when,
// the reviewer's comment in a banner above the editor (and a send-back that keeps the deadline),
// a sentence after each act saying what happens next, controls only for those who may use them,
// admin forms that refuse bad input in words, and confirmation before acts that cannot be undone.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from '../helpers/browser';
import { demoSeason } from '../helpers/seasons';
import { signedInPage } from '../helpers/signed-in-page';
import { startSeasonOnStack } from '../helpers/season-on-stack';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { waitUntil } from '../helpers/wait';

const MIDDLE = 'demo-2026/no1-middle-school';
const OFFICE = 'demo-2026/bureau-office';
const PRIMARY = 'demo-2026/experimental-primary';
const SECRETARY = 'shuji.yizhong@school.example'; // 周书记（第一中学）
const REVIEWER = 'zuzhi@bureau.example'; // 王组织（组织办）, also the season's admin
const LEADER = 'dangzu.shuji@bureau.example'; // 李书记（党组书记）
const season = demoSeason(); // due 30 days from now
const DUE = `${season.dueDate} 23:59`;

describe('each person sees their next step', () => {
  let stack: RealStack;
  let browser: Browser;
  let secretary: Page;
  let reviewer: Page;

  const reportUrl = (id: string) => `${stack.webUrl}/reports/${encodeURIComponent(id)}`;
  const textOf = (page: Page, testId: string) => page.getByTestId(testId).innerText();
  const report = (id: string) => stack.scratch.db.report.findUniqueOrThrow({ where: { id } });
  /** Presses a form's button and answers the response to its POST. */
  async function post(page: Page, button: string) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
      page.getByTestId(button).click(),
    ]);
    await page.waitForLoadState();
    return response;
  }
  /** Lifts the browser's own checks (required, type="email", the date picker): the server must refuse by itself. */
  const withoutBrowserChecks = (page: Page) =>
    page.evaluate(`
      for (const form of document.querySelectorAll('form')) form.noValidate = true;
      for (const input of document.querySelectorAll('input[type="date"], input[type="email"]')) input.type = 'text';
    `);

  beforeAll(async () => {
    stack = await startRealStack('web-next-steps');
    stack.startWorker();
    await stack.startWeb();
    await startSeasonOnStack(stack, season);
    browser = await launchChromium();
    secretary = await signedInPage(stack, browser, SECRETARY);
    reviewer = await signedInPage(stack, browser, REVIEWER);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('the secretary’s home page lists what she must do, by when, linked; she is offered no review queue', async () => {
    await secretary.goto(`${stack.webUrl}/`);
    const todo = secretary.getByTestId('todo');
    const row = todo.locator('tr[data-todo="todoWrite"]');
    await expect(row.innerText()).resolves.toContain('第一中学党支部');
    await expect(row.innerText()).resolves.toContain(DUE);
    await screenshot(secretary, 'next-steps-01-secretary-home');
    expect(await secretary.getByTestId('nav-queue').count()).toBe(0);
    await row.getByRole('link', { name: '撰写并提交述职报告' }).click();
    expect(decodeURIComponent(new URL(secretary.url()).pathname)).toBe(`/reports/${MIDDLE}`);

    const queue = await secretary.goto(`${stack.webUrl}/queue`);
    expect(queue?.status()).toBe(403);
    expect(await secretary.getByTestId('bulk-form').count()).toBe(0);
  });

  test('the report shows its four steps and who acts now, by name, and by when', async () => {
    await secretary.goto(reportUrl(MIDDLE));
    await expect(secretary.locator('[data-testid="steps"] [aria-current="step"]').innerText()).resolves.toBe('撰写');
    await expect(secretary.locator('[data-testid="steps"] li').allInnerTexts()).resolves.toEqual(['撰写', '组织办审阅', '领导审批', '完成']);
    expect(await textOf(secretary, 'now')).toMatch(new RegExp(`^现在由您撰写并提交报告，截止 ${DUE}（还有 \\d+ 天）。$`));
    await reviewer.goto(reportUrl(MIDDLE));
    expect(await textOf(reviewer, 'now')).toMatch(new RegExp(`^现在由周书记（第一中学）撰写并提交报告，截止 ${DUE}`));
  });

  test('after submitting, a sentence says what happens next and who acts now', async () => {
    await secretary.goto(reportUrl(MIDDLE));
    await secretary.fill('[data-testid="preamble"]', '第一中学党支部书记述职报告');
    await secretary.fill('[data-testid="section-0"]', '全年发展预备党员2名，收缴党费3000元。');
    await secretary.fill('[data-testid="section-1"]', '学习不够深入。');
    await secretary.fill('[data-testid="section-2"]', '加强学习。');
    await post(secretary, 'submit');
    const message = await textOf(secretary, 'message');
    expect(message).not.toBe('已完成。');
    expect(message).toMatch(/^报告已提交。现在由审阅人王组织（组织办）审阅，应于 \S+ \S+ 前完成（还有 5 天）。$/);
    await expect(secretary.locator('[data-testid="steps"] [aria-current="step"]').innerText()).resolves.toBe('组织办审阅');
    await screenshot(secretary, 'next-steps-02-submitted');
  });

  test('sent back: the sentence names who revises; the comment stands above the editor; the deadline is not shortened', async () => {
    await reviewer.goto(reportUrl(MIDDLE));
    await reviewer.fill('[data-testid="revision-comment"]', '请补充党费使用情况');
    await post(reviewer, 'request-revision');
    expect(await textOf(reviewer, 'message')).toMatch(
      new RegExp(`^已退回修改，周书记（第一中学）会收到邮件通知。现在由周书记（第一中学）按审阅意见修改后重新提交，截止 ${DUE}（还有 \\d+ 天）。$`),
    );

    const sentBack = await report(MIDDLE);
    expect(sentBack.revisionDueAt?.getTime()).toBe(sentBack.dueAt.getTime()); // not 7 days from now

    await secretary.goto(reportUrl(MIDDLE));
    const banner = secretary.getByTestId('send-back');
    await expect(banner.innerText()).resolves.toContain('请补充党费使用情况');
    await expect(banner.innerText()).resolves.toContain('王组织（组织办）');
    const [bannerBox, editorBox] = await Promise.all([banner.boundingBox(), secretary.locator('#editor').boundingBox()]);
    expect(bannerBox?.y).toBeLessThan(editorBox?.y ?? 0);
    expect(Number(/\d+/.exec(await textOf(secretary, 'days-left'))?.[0])).toBeGreaterThanOrEqual(29);
    await screenshot(secretary, 'next-steps-03-send-back-banner');

    // The admin gives the revision more time: the season's dashboard shows the revision's date, not the first one.
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await reviewer.goto(reportUrl(MIDDLE));
    await reviewer.fill('[data-testid="extend-until"]', later);
    expect((await post(reviewer, 'admin-extend')).status()).toBeLessThan(400);
    expect((await report(MIDDLE)).revisionDueAt?.toISOString().slice(0, 10)).toBe(later);
    await reviewer.goto(`${stack.webUrl}/seasons/demo-2026`);
    const row = reviewer.locator('[data-testid="branches"] tr[data-branch="no1-middle-school"]');
    await expect(row.innerText()).resolves.toContain(later);
    await expect(row.innerText()).resolves.not.toContain(season.dueDate);
  });

  test('a reviewer who passed a report sees no 批准; leadership does, and approving says the report is done', async () => {
    await secretary.fill('[data-testid="section-0"]', '全年发展预备党员2名，收缴党费3000元，用于党员教育。');
    await post(secretary, 'submit');
    await reviewer.goto(reportUrl(MIDDLE));
    expect(await reviewer.getByTestId('rating').count()).toBe(0); // the reviewer passes; leadership rates
    await post(reviewer, 'approve');
    expect(await textOf(reviewer, 'message')).toBe('已审阅通过。现在由党组领导李书记（党组书记）审批并评定等次。');
    expect(await reviewer.getByTestId('approve').count()).toBe(0);
    expect(await reviewer.getByTestId('request-revision').count()).toBe(0);
    await screenshot(reviewer, 'next-steps-04-passed-no-approve');
    // The queue lists what the reviewer reviews, but bulk approval is leadership's: no form, no boxes.
    await reviewer.goto(`${stack.webUrl}/queue`);
    expect(await reviewer.getByTestId('bulk-approve').count()).toBe(0);
    expect(await reviewer.getByTestId('select-all').count()).toBe(0);

    const leader = await signedInPage(stack, browser, LEADER);
    await leader.goto(`${stack.webUrl}/queue`);
    expect(await leader.getByTestId('bulk-approve').count()).toBe(1);
    await leader.goto(reportUrl(MIDDLE));
    expect(await textOf(leader, 'now')).toBe('现在由您审批并评定等次。');
    expect(await leader.getByTestId('rating').getAttribute('required')).not.toBeNull();
    await leader.getByTestId('rating').selectOption('较好');
    await post(leader, 'approve');
    expect(await textOf(leader, 'message')).toBe(
      '已批准，评价为“较好”，周书记（第一中学）会收到邮件通知。该支部的述职已完成（评价：较好），此报告无需再办理。',
    );
    expect(await leader.getByTestId('approve').count()).toBe(0);
  });

  test('admin forms refuse bad input in words: not an email, a person with no name, a past or garbage date — never a raw 500', async () => {
    const refused = async (button: string, fill: Record<string, string>, words: string) => {
      await reviewer.goto(reportUrl(OFFICE));
      await withoutBrowserChecks(reviewer);
      for (const [testId, value] of Object.entries(fill)) await reviewer.fill(`[data-testid="${testId}"]`, value);
      const response = await post(reviewer, button);
      expect({ status: response.status(), message: await textOf(reviewer, 'message') }).toEqual({ status: 409, message: expect.stringContaining(words) });
    };
    await refused('admin-reassign', { 'reassign-email': 'notanemail' }, '“notanemail”不是有效的邮箱地址');
    await refused('admin-reassign', { 'reassign-email': 'new.secretary@school.example' }, '请填写新书记的姓名');
    expect((await report(OFFICE)).secretaryEmail).toBe('shuji.jiguan@bureau.example');
    await refused('admin-extend', { 'extend-until': '2020-01-01' }, '2020-01-01 已经过去，新的截止日期须晚于现在');
    await refused('admin-extend', { 'extend-until': 'garbage' }, '“garbage”不是有效的日期');
    await screenshot(reviewer, 'next-steps-05-admin-refusal');

    await reviewer.goto(`${stack.webUrl}/seasons/demo-2026`);
    for (const [until, words] of [
      ['garbage', '“garbage”不是有效的日期'],
      ['2020-01-01', '2020-01-01 已经过去'],
    ] as const) {
      await withoutBrowserChecks(reviewer);
      await reviewer.fill('[data-testid="season-extend-until"]', until);
      const response = await post(reviewer, 'season-extend');
      expect({ status: response.status(), message: await textOf(reviewer, 'message') }).toEqual({ status: 400, message: expect.stringContaining(words) });
    }
    expect((await report(OFFICE)).dueAt.getTime()).toBe((await report(PRIMARY)).dueAt.getTime());
  });

  test('the admin exports the season from the dashboard: Chinese columns for people, English ones for programs', async () => {
    await reviewer.goto(`${stack.webUrl}/seasons/demo-2026`);
    const download = async (name: string) => {
      const href = await reviewer.getByRole('link', { name, exact: true }).getAttribute('href');
      const answer = await reviewer.request.get(`${stack.webUrl}${href}`);
      return { type: answer.headers()['content-type'], text: await answer.text() };
    };
    const forPeople = await download('CSV');
    expect(forPeople.type).toBe('text/csv; charset=utf-8');
    expect(forPeople.text.split(/\r?\n/)[0]).toMatch(/^\uFEFF?支部代码,支部名称,书记,结果,状态,截止时间（Asia\/Shanghai）/);
    const forPrograms = await download('英文列名，供程序读取');
    expect(forPrograms.text.split(/\r?\n/)[0]).toMatch(/^\uFEFF?branch_id,branch,secretary,outcome,state,due,/);
    // A secretary is not the season's admin: no export for her.
    const refused = await secretary.request.get(`${stack.webUrl}/seasons/demo-2026/export?format=csv`, { maxRedirects: 0 });
    expect(refused.status()).toBeGreaterThanOrEqual(400);
  });

  test('exempting a branch and closing the season ask for confirmation first, without JavaScript', async () => {
    const admin = await signedInPage(stack, browser, REVIEWER, { context: { javaScriptEnabled: false } });
    await admin.goto(reportUrl(PRIMARY));
    await admin.fill('[data-testid="exempt-reason"]', '学校撤并');
    await post(admin, 'admin-exempt');
    const confirmation = await textOf(admin, 'confirmation');
    expect(confirmation).toContain('将“实验小学党支部”免于述职（理由：学校撤并）');
    expect(confirmation).toContain('不能撤回');
    await screenshot(admin, 'next-steps-06-confirm-exempt');
    expect((await report(PRIMARY)).state).toBe('assigned');
    await post(admin, 'confirm');
    expect(await textOf(admin, 'message')).toBe('已免于述职。该支部免于述职，此报告无需再办理。');
    expect((await report(PRIMARY)).state).toBe('exempted');

    await admin.goto(`${stack.webUrl}/seasons/demo-2026`);
    await post(admin, 'season-close');
    await expect(textOf(admin, 'confirmation')).resolves.toContain('仍有 1 份报告尚未完成');
    expect((await stack.scratch.db.season.findUniqueOrThrow({ where: { id: 'demo-2026' } })).status).toBe('running');
    await admin.getByTestId('cancel').click();
    expect(new URL(admin.url()).pathname).toBe('/seasons/demo-2026');
    await post(admin, 'season-close');
    await post(admin, 'confirm');
    await expect(textOf(admin, 'message')).resolves.toContain('已通知结束本季度');
    await waitUntil(
      async () => (await stack.scratch.db.season.findUniqueOrThrow({ where: { id: 'demo-2026' } })).status === 'closed',
      60_000,
      'the season to close',
      300,
    );
  });
});
