// Nothing typed is ever lost (issue #24, defects 1, 2 and 13), in real Chromium on the real stack,
// whose web app is given a thirty-second session: a session that ends while the secretary writes
// shows a sign-in-again dialog, and the new link brings her back to the editor with her text, which
// she submits; a mail scanner's HEAD and GET leave the link for the person's own press of 继续登录;
// autosave keeps one working copy, and only 保存草稿 or a submission makes a version.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkPage } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { openSignInLink, signInFresh, signInLinkFor } from '../helpers/browser-sign-in';
import { startSeasonOnStack } from '../helpers/season-on-stack';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { waitUntil } from '../helpers/wait';
import { openSession, SESSION_COOKIE } from '../../web/sessions';

const SESSION_SECONDS = 30;
const OFFICE = 'demo-2026/bureau-office';
const MIDDLE = 'demo-2026/no1-middle-school';
const PRIMARY = 'demo-2026/experimental-primary';
const OFFICE_SECRETARY = 'shuji.jiguan@bureau.example';
const MIDDLE_SECRETARY = 'shuji.yizhong@school.example';
const PRIMARY_SECRETARY = 'shuji.shixiao@school.example';
const REVIEWER = 'zuzhi@bureau.example';

describe('nothing typed is lost', () => {
  let stack: RealStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const reportPath = (id: string) => `/reports/${encodeURIComponent(id)}`;
  const reportUrl = (id: string) => `${stack.webUrl}${reportPath(id)}`;
  const versionsOf = (reportId: string) => stack.scratch.db.reportVersion.count({ where: { reportId } });
  const pathOf = (page: Page) => decodeURIComponent(new URL(page.url()).pathname);

  async function newContext(width = 1280): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 } });
    contexts.push(context);
    return context;
  }

  beforeAll(async () => {
    stack = await startRealStack('nothing-lost');
    stack.startWorker();
    await stack.startWeb({ env: { SESSION_TTL: `${SESSION_SECONDS}s` } });
    await startSeasonOnStack(stack);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  });

  test('a mail scanner that opens the link (HEAD, then GET) leaves it for the person, whose press of 继续登录 signs in', async () => {
    const link = await signInLinkFor(stack, PRIMARY_SECRETARY);
    for (const method of ['HEAD', 'GET']) {
      const scanned = await fetch(link, { method, redirect: 'manual' });
      expect({ method, status: scanned.status, cookie: scanned.headers.get('set-cookie') }).toEqual({ method, status: 200, cookie: null });
    }
    expect(await stack.scratch.db.signInLink.count({ where: { email: PRIMARY_SECRETARY, usedAt: { not: null } } })).toBe(0);

    const page = await (await newContext()).newPage();
    await page.goto(link);
    // Screenshots at both widths, and axe finds nothing critical or serious (test/helpers/axe.ts).
    expect(await checkPage(page, 'nothing-lost-01-continue-sign-in')).toEqual([]);
    await page.getByTestId('continue-sign-in').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin/'));
    expect(pathOf(page)).toBe(`/reports/${PRIMARY}`);
    await page.locator('#editor').waitFor();
    // Used now: opened again, it says so.
    const again = await fetch(link);
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('This sign-in link has already been used.');
  });

  test('autosave keeps one working copy and makes no version; 保存草稿 makes one; the editor opens a newer working copy and says so', async () => {
    const page = await signInFresh(stack, await newContext(), OFFICE_SECRETARY);
    await page.goto(reportUrl(OFFICE));
    const before = await versionsOf(OFFICE);
    const workingCopy = () => stack.scratch.db.workingCopy.findUnique({ where: { reportId: OFFICE } });
    for (const text of ['机关支部全年开展主题党日12次。', '机关支部全年开展主题党日12次，专题党课4次。']) {
      await page.fill('[data-testid="section-0"]', text);
      await waitUntil(async () => (await workingCopy())?.body.includes(text) ?? false, 20_000, `the working copy to hold "${text}"`, 200);
    }
    await page.locator('[data-testid="autosave"][data-saved]').waitFor();
    expect(await versionsOf(OFFICE)).toBe(before);
    expect(await stack.scratch.db.auditEvent.count({ where: { reportId: OFFICE, action: 'report.draft_saved' } })).toBe(0);

    await page.reload();
    await expect(page.getByTestId('working-copy').textContent()).resolves.toContain('自动保存');
    await expect(page.inputValue('[data-testid="section-0"]')).resolves.toBe('机关支部全年开展主题党日12次，专题党课4次。');
    expect(await checkPage(page, 'nothing-lost-02-working-copy')).toEqual([]);

    await page.click('[data-testid="save"]');
    await page.locator('[data-testid="autosave"][data-version]').waitFor();
    expect(await versionsOf(OFFICE)).toBe(before + 1);
    const saved = await stack.scratch.db.reportVersion.findFirstOrThrow({
      where: { reportId: OFFICE },
      orderBy: { number: 'desc' },
      include: { content: true },
    });
    expect({ kind: saved.kind, text: saved.content.body.includes('专题党课4次') }).toEqual({ kind: 'draft', text: true });
    await page.reload();
    await expect(page.getByTestId('working-copy').count()).resolves.toBe(0);
    await expect(page.inputValue('[data-testid="section-0"]')).resolves.toBe('机关支部全年开展主题党日12次，专题党课4次。');
  });

  test('a paste too large for a report is refused once and not sent again until she changes it; then it saves', async () => {
    const page = await signInFresh(stack, await newContext(), OFFICE_SECRETARY);
    await page.goto(reportUrl(OFFICE));
    const autosaves: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/autosave')) autosaves.push(request.url());
    });
    await page.fill('[data-testid="section-0"]', '党'.repeat(120_000));
    await page.getByTestId('autosave').filter({ hasText: '报告过大（120,' }).waitFor();
    // Autosave looks every second and sends after three: seven seconds would have sent it twice more.
    await page.waitForTimeout(7_000);
    expect(autosaves).toHaveLength(1);
    await page.fill('[data-testid="section-0"]', '机关支部全年开展主题党日12次，专题党课4次，缩写后保存。');
    await page.locator('[data-testid="autosave"][data-saved]').waitFor();
    expect(autosaves).toHaveLength(2);
    await page.close();
  });

  test("only the report's writer may keep a working copy: the reviewer's autosave is refused and writes nothing", async () => {
    const session = await openSession(stack.scratch.db, REVIEWER);
    const response = await fetch(`${reportUrl(MIDDLE)}/autosave`, {
      method: 'POST',
      headers: {
        cookie: `${SESSION_COOKIE}=${session.id}`,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'section-0=reviewer',
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ saved: false });
    expect(await stack.scratch.db.workingCopy.count({ where: { reportId: MIDDLE } })).toBe(0);
  });

  test('a post whose session has ended is answered so the page understands it, and leads back to the report, not to the post address', async () => {
    const post = (path: string, accept: string) =>
      fetch(`${reportUrl(MIDDLE)}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
        body: 'section-0=text',
      });
    for (const path of ['/autosave', '/draft', '/submit']) {
      const fromScript = await post(path, 'application/json');
      expect({ path, status: fromScript.status }).toEqual({ path, status: 401 });
      expect(await fromScript.json()).toMatchObject({ signedOut: true, signIn: `/login?next=${encodeURIComponent(reportPath(MIDDLE))}` });
    }
    const fromForm = await post('/submit', 'text/html');
    expect(fromForm.status).toBe(303);
    expect(fromForm.headers.get('location')).toBe(`/login?next=${encodeURIComponent(reportPath(MIDDLE))}`);
  });

  test('a session that ends while she writes loses nothing: a new link brings her back to the editor with her text, and she submits it', async () => {
    const context = await newContext();
    const page = await signInFresh(stack, context, MIDDLE_SECRETARY);
    const session = await stack.scratch.db.webSession.findFirstOrThrow({ where: { email: MIDDLE_SECRETARY }, orderBy: { createdAt: 'desc' } });
    await page.goto(reportUrl(MIDDLE));
    await page.fill('[data-testid="preamble"]', '第一中学党支部书记述职报告');
    await page.fill('[data-testid="section-0"]', '全年发展预备党员2名，收缴党费3000元。');
    await page.fill('[data-testid="section-1"]', '学习不够深入。');
    await page.locator('[data-testid="autosave"][data-saved]').waitFor();

    // The session runs out; what she types next has no session to be saved under.
    await waitUntil(() => Date.now() > session.expiresAt.getTime(), (SESSION_SECONDS + 15) * 1000, 'the session to end', 250);
    const late = '下一步加强理论学习，每月开展一次专题研讨。';
    await page.fill('[data-testid="section-2"]', late);
    await page.getByTestId('sign-in-again').waitFor();
    await expect(page.getByTestId('autosave').textContent()).resolves.not.toMatch(/SyntaxError|Unexpected token/);
    expect(await checkPage(page, 'nothing-lost-03-sign-in-again')).toEqual([]);

    // 提交 too shows the dialog and stays on the editor, the text as typed.
    await page.click('[data-testid="submit"]');
    await page.getByTestId('sign-in-again').waitFor();
    expect(pathOf(page)).toBe(`/reports/${MIDDLE}`);
    await expect(page.inputValue('[data-testid="section-2"]')).resolves.toBe(late);

    // Leaving with text the server does not have asks first; staying keeps it.
    // The browser's question holds the click until it is answered: answered as it is asked.
    const asked: string[] = [];
    page.once('dialog', (question) => {
      asked.push(question.type());
      void question.dismiss();
    });
    await page.click('header a.brand');
    expect(asked).toEqual(['beforeunload']);
    expect(pathOf(page)).toBe(`/reports/${MIDDLE}`);
    await expect(page.inputValue('[data-testid="section-2"]')).resolves.toBe(late);

    // A new link, mailed from the dialog, leads back to the editor.
    const mailsBefore = stack.smtp.mailbox.list({ to: MIDDLE_SECRETARY }).length;
    await page.getByTestId('mail-new-link').click();
    await page.getByTestId('new-link-sent').filter({ hasText: /\S/ }).waitFor();
    const link = await signInLinkFor(stack, MIDDLE_SECRETARY, mailsBefore);
    const again = await context.newPage();
    await openSignInLink(again, link);
    expect(pathOf(again)).toBe(`/reports/${MIDDLE}`);
    await again.getByTestId('restored-local').waitFor();
    await expect(again.inputValue('[data-testid="section-2"]')).resolves.toBe(late);
    await expect(again.inputValue('[data-testid="section-0"]')).resolves.toBe('全年发展预备党员2名，收缴党费3000元。');
    expect(await checkPage(again, 'nothing-lost-04-restored')).toEqual([]);

    await again.click('[data-testid="submit"]');
    await again.locator('.facts [data-state="submitted"]').waitFor();
    const submission = await stack.scratch.db.reportVersion.findFirstOrThrow({ where: { reportId: MIDDLE, kind: 'submission' }, include: { content: true } });
    expect(submission.content.body).toContain(late);
    expect(submission.authorEmail).toBe(MIDDLE_SECRETARY);
  });
});
