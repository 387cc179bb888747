// 点评与整改 on the real stack, in Chromium: the leader gives 点评 naming two problems on the approved
// report; the secretary sees both on her 待办 (phone, 390 px), reports progress on one with an
// evidence file, the leader accepts it (销号); the other, given the season's short period, falls
// overdue and is escalated to the admin by mail; the dashboard counts 50 % done and one overdue.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { issueApiToken } from '../../app/api-tokens';
import { checkPage } from '../helpers/axe';
import { launchChromium, screenshot } from '../helpers/browser';
import { openSignInLink, signInFresh, signInLinkFor } from '../helpers/browser-sign-in';
import { runCli } from '../helpers/cli';
import { REPORT_WITH_MEASURES } from '../helpers/report-harness';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { waitUntil } from '../helpers/wait';

const ADMIN = 'zuzhi@bureau.example';
const LEADER = 'dangzu.shuji@bureau.example';
const SECRETARY = 'shuji.yizhong@school.example';
const MIDDLE = 'demo-2026/no1-middle-school';
const ITEM_1_PATH = `/rectifications/${encodeURIComponent(`${MIDDLE}/1`)}`;
const PROGRESS = '已制定全年学习计划，3 月起每月集中学习。';
const STUDY_PLAN = { name: '学习计划.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 学习计划') };

/** Presses a kept form's button: its script sends the form, then opens the page the server names. */
async function sendKeptForm(page: Page, button: string, path: string) {
  const sent = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith(path));
  const loaded = page.waitForEvent('load');
  await page.getByTestId(button).click();
  // Taken (200; a refusal is 409), read before the page is left, after which its body is gone.
  expect((await sent).status()).toBe(200);
  await loaded;
}

describe('feedback and rectification in the browser', () => {
  let stack: RealStack;
  let browser: Browser;
  let office: BrowserContext;
  let phone: BrowserContext;
  let leader: Page;
  let secretary: Page;

  const cli = async (args: string[]) => {
    const result = await runCli(args, stack.cliEnv);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };

  beforeAll(async () => {
    stack = await startRealStack('rectification');
    stack.startWorker();
    await stack.startWeb();
    // The demo season with rectification periods of seconds, so an item falls overdue during the test.
    const season = join(stack.dir, 'season.yaml');
    writeFileSync(season, `${readFileSync(DEMO_SEASON_FILE, 'utf8')}rectification: { period: 20s, remindersBeforeDue: [10s], escalateAfter: 5s }\n`);
    await cli(['season', 'create', '--file', season]);
    await cli(['season', 'start', 'demo-2026', '--wait']);
    const report = join(stack.dir, 'report.md');
    writeFileSync(report, REPORT_WITH_MEASURES);
    await cli(['report', 'submit', MIDDLE, '--file', report, '--as', SECRETARY]);
    await cli(['report', 'review', MIDDLE, '--approve', '--as', ADMIN]);
    await cli(['report', 'review', MIDDLE, '--approve', '--rating', '较好', '--as', LEADER]);
    browser = await launchChromium();
    office = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    for (const context of [office, phone]) await context.addCookies([{ name: 'shuzhi_lang', value: 'zh-CN', url: stack.webUrl }]);
    leader = await signInFresh(stack, office, LEADER);
    secretary = await signInFresh(stack, phone, SECRETARY);
  });
  afterAll(async () => {
    await office?.close();
    await phone?.close();
    await browser?.close();
    await stack?.stop();
  });

  test('the leader gives 点评 with two problems on the approved report; the measure comes from the report', async () => {
    await leader.goto(`${stack.webUrl}/reports/${encodeURIComponent(MIDDLE)}`);
    await leader.getByTestId('feedback-text').fill('全年工作扎实，组织生活还不够规范。');
    await leader.getByTestId('problem-0').fill('“三会一课”落实不到位');
    await leader.getByTestId('due-0').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await leader.getByTestId('problem-1').fill('支部台账不完整');
    await sendKeptForm(leader, 'give-feedback', '/feedback');
    await expect(leader.getByTestId('message').innerText()).resolves.toContain('整改事项已下达');
    const rows = leader.locator('[data-testid="rectification-items"] tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.first().innerText()).resolves.toContain('落实“三会一课”制度，每月组织一次集中学习。');
    await expect(leader.getByTestId('feedback-form').count()).resolves.toBe(0);
    await screenshot(leader, 'feedback-given');
  });

  test('a session that ends while she writes progress loses nothing: the dialog, a new link, her text back', async () => {
    await secretary.goto(`${stack.webUrl}${ITEM_1_PATH}`);
    await secretary.getByTestId('progress-text').fill(PROGRESS);
    await secretary.getByTestId('evidence').setInputFiles(STUDY_PLAN);
    await stack.scratch.db.webSession.updateMany({ where: { email: SECRETARY }, data: { expiresAt: new Date(Date.now() - 1_000) } });

    // Sent with no session: the dialog, on the same page, with the text as typed; nothing recorded.
    await secretary.getByTestId('report-progress').click();
    await secretary.getByTestId('sign-in-again').waitFor();
    expect(decodeURIComponent(new URL(secretary.url()).pathname)).toBe(`/rectifications/${MIDDLE}/1`);
    await expect(secretary.getByTestId('progress-text').inputValue()).resolves.toBe(PROGRESS);
    expect(await stack.scratch.db.rectificationProgress.count({ where: { itemId: `${MIDDLE}/1` } })).toBe(0);
    await screenshot(secretary, 'rectification-sign-in-again-phone');

    // The new link brings her back to the item with her text; the file is to be chosen again.
    const mailsBefore = stack.smtp.mailbox.list({ to: SECRETARY }).length;
    await secretary.getByTestId('mail-new-link').click();
    await secretary.getByTestId('new-link-sent').filter({ hasText: /\S/ }).waitFor();
    const again = await phone.newPage();
    await openSignInLink(again, await signInLinkFor(stack, SECRETARY, mailsBefore));
    expect(decodeURIComponent(new URL(again.url()).pathname)).toBe(`/rectifications/${MIDDLE}/1`);
    await expect(again.getByTestId('kept-form-note').innerText()).resolves.toContain('请重新选择文件');
    await expect(again.getByTestId('progress-text').inputValue()).resolves.toBe(PROGRESS);
    await secretary.close();
    secretary = again;
  });

  test('on her phone the secretary finds both items on her 待办 and reports progress on one with an evidence file', async () => {
    await secretary.goto(`${stack.webUrl}/`);
    // Each item under its branch and season, its problem beside what to do; the sooner due first.
    const rows = secretary.locator('[data-todo="todoRectify"]');
    await expect(rows.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^报告整改进展\s+支部台账不完整\s+第一中学党支部\s+2026年度/),
      expect.stringMatching(/^报告整改进展\s+“三会一课”落实不到位\s+第一中学党支部\s+2026年度/),
    ]);
    await secretary.goto(`${stack.webUrl}${ITEM_1_PATH}`);
    await expect(checkPage(secretary, 'rectification-item')).resolves.toEqual([]);
    await secretary.setViewportSize({ width: 390, height: 844 });
    await expect(secretary.getByTestId('progress-text').inputValue()).resolves.toBe(PROGRESS);
    // Eleven files are one too many: said so, nothing recorded, the text kept.
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `照片${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(`photo ${i}`) }));
    await secretary.getByTestId('evidence').setInputFiles(eleven);
    const refused = secretary.waitForResponse((response) => response.request().method() === 'POST');
    await secretary.getByTestId('report-progress').click();
    expect((await refused).status()).toBe(413);
    await expect(secretary.getByTestId('kept-form-note').innerText()).resolves.toContain('一次最多上传 10 个附件');
    await expect(secretary.getByTestId('progress-text').inputValue()).resolves.toBe(PROGRESS);
    expect(await stack.scratch.db.rectificationProgress.count({ where: { itemId: `${MIDDLE}/1` } })).toBe(0);
    // Sent without the page's script, a 12 MB file gets a page of its own: it says to go back.
    const csrf = (await secretary.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
    const plain = await secretary.request.post(`${stack.webUrl}${ITEM_1_PATH}/progress`, {
      headers: { origin: stack.webUrl },
      multipart: { _csrf: csrf, text: PROGRESS, evidence: { name: '扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(12 * 1024 * 1024) } },
    });
    expect(plain.status()).toBe(413);
    expect(await plain.text()).toContain('请返回上一页');
    // An empty file (0 bytes, as a failed copy leaves one) is named, not silently dropped.
    await secretary.getByTestId('evidence').setInputFiles({ name: '会议记录.docx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) });
    const emptyRefused = secretary.waitForResponse((response) => response.request().method() === 'POST');
    await secretary.getByTestId('report-progress').click();
    expect((await emptyRefused).status()).toBe(409);
    await expect(secretary.getByTestId('kept-form-note').innerText()).resolves.toContain('附件“会议记录.docx”是空文件');
    expect(await stack.scratch.db.rectificationProgress.count({ where: { itemId: `${MIDDLE}/1` } })).toBe(0);
    await secretary.getByTestId('evidence').setInputFiles(STUDY_PLAN);
    await sendKeptForm(secretary, 'report-progress', '/progress');
    await expect(secretary.getByTestId('item-state').innerText()).resolves.toBe('待验收');
    await screenshot(secretary, 'rectification-progress-phone');
    const recorded = await stack.scratch.db.rectificationProgress.findMany({ where: { itemId: `${MIDDLE}/1` } });
    expect(recorded.map((p) => ({ text: p.text, files: (JSON.parse(p.evidenceJson) as { name: string }[]).map((f) => f.name) }))).toEqual([
      { text: PROGRESS, files: ['学习计划.pdf'] },
    ]);
    // Sent: the browser's copy is gone, so the item's page opens without it.
    await secretary.goto(`${stack.webUrl}${ITEM_1_PATH}`);
    await expect(secretary.getByTestId('kept-form-note').count()).resolves.toBe(0);
  });

  test('the leader opens the evidence and accepts the item (销号); the secretary is told', async () => {
    await leader.goto(`${stack.webUrl}/rectifications/${encodeURIComponent(`${MIDDLE}/1`)}`);
    const href = await leader.getByTestId('evidence-link').getAttribute('href');
    const file = await leader.request.get(`${stack.webUrl}${href}`);
    expect(file.headers()['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('学习计划.pdf')}`);
    // Kept once per content, the file downloads under a name given with it, never one made up.
    const renamed = await leader.request.get(`${stack.webUrl}${href?.replace(/\?.*$/, '')}?name=${encodeURIComponent('工资表.xlsx')}`);
    expect(renamed.headers()['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('学习计划.pdf')}`);
    expect((await file.body()).toString()).toBe('%PDF-1.4 学习计划');
    // Evidence is for whoever may see the item: another branch's secretary is told "not found".
    const elsewhere = await browser.newContext({ locale: 'zh-CN' });
    const stranger = await signInFresh(stack, elsewhere, 'shuji.shixiao@school.example');
    const refused = await stranger.request.get(`${stack.webUrl}${href}`);
    expect(refused.status()).toBe(404);
    expect((await refused.body()).toString()).not.toContain('%PDF');
    await elsewhere.close();
    const signedOut = await fetch(`${stack.webUrl}${href}`, { redirect: 'manual' });
    expect({ status: signedOut.status, to: signedOut.headers.get('location') }).toEqual({ status: 302, to: `/login?next=${encodeURIComponent(href ?? '')}` });
    // A second tab of the item, open from before: its send-back comes after the acceptance.
    const stale = await office.newPage();
    await stale.goto(`${stack.webUrl}${ITEM_1_PATH}`);
    await sendKeptForm(leader, 'accept-item', '/verdict');
    await expect(leader.getByTestId('item-state').innerText()).resolves.toBe('已销号');
    // The verdict in the item's history names the leader as the season knows him, not his address.
    await expect(leader.locator('[data-testid="verdict"][data-decision="accepted"]').innerText()).resolves.toMatch(/已验收销号\s+\(李书记（党组书记）\)/);
    await waitUntil(() => stack.smtp.mailbox.list({ to: SECRETARY }).some((m) => m.subject.includes('整改销号')), 30_000, 'the secretary told');

    // Refused as closed, said as a refusal, and the comment typed there kept.
    await stale.getByTestId('verdict-comment').fill('证据不足，请补充会议记录。');
    await stale.getByTestId('send-back-item').click();
    const note = stale.getByTestId('kept-form-note');
    await expect(note.innerText()).resolves.toBe('该整改事项已销号，不能再报告进展或验收。');
    await expect(note.getAttribute('role')).resolves.toBe('alert');
    await expect(stale.getByTestId('verdict-comment').inputValue()).resolves.toBe('证据不足，请补充会议记录。');
    await stale.close();
  });

  test('the other item falls overdue and is escalated to the admin; the dashboard counts 50 % done, one overdue', async () => {
    await waitUntil(() => stack.smtp.mailbox.list({ to: ADMIN }).some((m) => m.subject.includes('整改逾期上报')), 60_000, 'the escalation', 500);
    expect(stack.smtp.mailbox.list({ to: SECRETARY }).filter((m) => m.subject.includes('整改逾期】'))).toHaveLength(1);
    const admin = await signInFresh(stack, office, ADMIN);
    await admin.goto(`${stack.webUrl}/seasons/demo-2026`);
    const overview = await admin.getByTestId('rectification').innerText();
    expect(overview).toContain('50%');
    expect(overview).toMatch(/逾期未完成: 1/);
    const csv = join(stack.dir, 'season.csv');
    await cli(['season', 'export', 'demo-2026', '--format', 'csv', '--out', csv]);
    expect(readFileSync(csv, 'utf8')).toMatch(/第一中学党支部.*,2,1,1,/);
    expect(await stack.scratch.db.auditEvent.count({ where: { action: 'rectification.escalated' } })).toBe(1);
  });

  test('through the API: the owner reports progress on the overdue item, a leader accepts it, nobody else sees it', async () => {
    const token = async (email: string) => (await issueApiToken(stack.scratch.db, email, 'script', 30)).token;
    const api = async (bearer: string, path: string, body?: unknown) => {
      const response = await fetch(`${stack.webUrl}/api/v1${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    const item = `/rectifications/${encodeURIComponent(`${MIDDLE}/2`)}`;
    const [mine, lead, other] = await Promise.all([token(SECRETARY), token(LEADER), token('shuji.shixiao@school.example')]);
    expect((await api(other, item)).status).toBe(404);
    expect((await api(mine, item)).json).toMatchObject({ state: 'open', problem: '支部台账不完整' });
    expect((await api(mine, `${item}/progress`, { text: '已补齐台账。' })).json).toMatchObject({ state: 'progress_reported', overdue: true });
    expect((await api(lead, `${item}/verdict`, { decision: 'send_back' })).status).toBe(400);
    expect((await api(lead, `${item}/verdict`, { decision: 'send_back', comment: '台账还缺少 3 月的会议记录。' })).json).toMatchObject({ state: 'open' });
    expect((await api(mine, `${item}/progress`, { text: '已补上 3 月的会议记录。' })).json).toMatchObject({ state: 'progress_reported' });
    expect((await api(lead, `${item}/verdict`, { decision: 'accept' })).json).toMatchObject({ state: 'accepted' });
    // The item's page says why it was sent back, between the two progress reports.
    await leader.goto(`${stack.webUrl}${item}`);
    const history = await leader.locator('[data-testid="progress"] > li').allInnerTexts();
    expect(history.map((entry) => /已补齐台账|退回继续整改|已补上 3 月|已验收销号/.exec(entry)?.[0])).toEqual([
      '已补齐台账',
      '退回继续整改',
      '已补上 3 月',
      '已验收销号',
    ]);
    expect(history[1]).toContain('台账还缺少 3 月的会议记录。');
    expect((await api(lead, `/reports/${encodeURIComponent(MIDDLE)}/feedback`, { comment: '另一条', problems: [] })).status).toBe(409);
  });
});
