// The web app in real headless Chromium, on the real stack (dev server, SMTP capture server,
// worker and web app as processes): a secretary writes and submits from the assignment mail's
// link, a reviewer sends it back, the secretary revises, a leader approves three reports at once,
// and the admin's dashboard shows them approved. Screenshots: test-results/screenshots/.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runCli } from '../helpers/cli';
import { launchChromium, screenshot } from '../helpers/browser';
import { openSignInLink, signInLinkFor as sharedSignInLinkFor } from '../helpers/browser-sign-in';
import { GOOD_REPORT } from '../helpers/report-harness';
import { startSeasonOnStack } from '../helpers/season-on-stack';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { waitUntil } from '../helpers/wait';

const MIDDLE = 'demo-2026/no1-middle-school';
const SECRETARY = 'shuji.yizhong@school.example';
const REVIEWER = 'zuzhi@bureau.example'; // also the season's admin
const LEADER = 'dangzu.shuji@bureau.example';

describe('the report cycle in the browser', () => {
  let stack: RealStack;
  let browser: Browser;
  let secretary: Page;
  let reviewer: Page;
  const contexts: BrowserContext[] = [];

  const signInLinkFor = (email: string, since = 0) => sharedSignInLinkFor(stack, email, since);

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
    contexts.push(context);
    return context.newPage();
  }

  /** Asks for a fresh link on the sign-in page, then opens it from the mailbox. */
  async function signInByFreshLink(email: string, next: string): Promise<Page> {
    const page = await newPage();
    const before = stack.smtp.mailbox.list({ to: email }).length;
    await page.goto(`${stack.webUrl}${next}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('input[name="email"]', email);
    await page.click('form[action="/login"] button');
    await page.getByTestId('link-sent').waitFor();
    await openSignInLink(page, await signInLinkFor(email, before));
    return page;
  }

  const stateOf = async (reportId: string) => (await stack.scratch.db.report.findUniqueOrThrow({ where: { id: reportId } })).state;
  /** The text autosave last kept for the report (its working copy), or nothing yet. */
  const workingCopyOf = async (reportId: string) => (await stack.scratch.db.workingCopy.findUnique({ where: { reportId } }))?.body ?? '';

  beforeAll(async () => {
    stack = await startRealStack('web');
    stack.startWorker();
    await stack.startWeb();
    await startSeasonOnStack(stack);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  });

  test('a secretary opens the assignment mail, writes, sees a placeholder warning, fixes it and submits', async () => {
    secretary = await newPage();
    await openSignInLink(secretary, await signInLinkFor(SECRETARY));
    expect(decodeURIComponent(new URL(secretary.url()).pathname)).toBe(`/reports/${MIDDLE}`);
    await screenshot(secretary, '01-editor');

    await secretary.fill('[data-testid="preamble"]', '第一中学党支部书记述职报告');
    await secretary.fill('[data-testid="section-0"]', '全年发展预备党员X名，收缴党费3000元。');
    await secretary.fill('[data-testid="section-1"]', '学习不够深入。');
    await secretary.fill('[data-testid="section-2"]', '加强学习。');
    // Autosave: the text reaches the server's working copy without pressing anything (no version).
    await waitUntil(async () => (await workingCopyOf(MIDDLE)).includes('加强学习。'), 20_000, 'autosave to keep the text', 200);

    // The page's script saves, then posts the form: the refusal is a new page at the post's address.
    // Waiting for it, not for the findings the old page's live check already shows, keeps the
    // screenshot below from being taken mid-navigation (it once hung there).
    await Promise.all([secretary.waitForURL(/\/submit$/), secretary.click('[data-testid="submit"]')]);
    await expect(secretary.locator('[data-testid="findings"] li[data-code="placeholder"]').textContent()).resolves.toContain('X名');
    await screenshot(secretary, '02-editor-placeholder-warning');
    // Not submitted; and autosave made no version, so nothing was recorded yet either.
    expect(await stateOf(MIDDLE)).toBe('assigned');

    await secretary.fill('[data-testid="section-0"]', '全年发展预备党员2名，收缴党费3000元。');
    await secretary.click('[data-testid="submit"]');
    await secretary.locator('.facts [data-state="submitted"]').waitFor();
    await screenshot(secretary, '03-submitted');
    expect(await stateOf(MIDDLE)).toBe('submitted');
    const submitted = await stack.scratch.db.auditEvent.findFirstOrThrow({ where: { reportId: MIDDLE, action: 'report.submitted' } });
    expect({ channel: submitted.channel, actor: submitted.actorEmail }).toEqual({ channel: 'web', actor: SECRETARY });
  });

  test('a secretary uploads a Word draft: its headings split it into the sections, and autosave keeps it', async () => {
    const office = await newPage();
    await openSignInLink(office, await signInLinkFor('shuji.jiguan@bureau.example'));
    const paragraphs = [
      ['局机关党支部书记述职报告', false],
      ['一、主要工作', true],
      ['全年发展预备党员3名。', false],
      ['二、存在的主要问题及原因', true],
      ['学习不够系统。', false],
      ['三、下步工作思路和主要措施', true],
      ['建立学习制度。', false],
    ] as const;
    const word = await Packer.toBuffer(
      new Document({
        sections: [{ children: paragraphs.map(([text, heading]) => new Paragraph({ text, ...(heading ? { heading: HeadingLevel.HEADING_2 } : {}) })) }],
      }),
    );
    // A damaged .docx first: said beside the file field, in words for a Word file, nothing changed.
    await office.setInputFiles('[data-testid="upload"]', {
      name: '草稿.docx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0, 1, 2, 200, 255, 7, 0, 3]),
    });
    await expect(office.getByTestId('upload-note').innerText()).resolves.toBe(
      '草稿.docx 无法作为 Word 文档读取（文件可能已损坏，或并不是 .docx）。请在 Word 中打开它，另存为“Word 文档（.docx）”后再上传，或把内容直接粘贴到编辑框。',
    );
    const noteBox = await office.getByTestId('upload-note').boundingBox();
    const fieldBox = await office.getByTestId('upload').boundingBox();
    expect(Math.abs((noteBox?.y ?? 0) - (fieldBox?.y ?? 0))).toBeLessThan(120);
    // Text typed first is not overwritten without a yes: declined, it stays; accepted, the file's text comes in.
    await office.fill('[data-testid="section-0"]', '我自己先写的内容，很重要。');
    const upload = () =>
      office.setInputFiles('[data-testid="upload"]', {
        name: 'draft.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: word,
      });
    const declined = new Promise<string>((resolve) => office.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.message()))));
    await upload();
    expect(await declined).toContain('现有的文字将被覆盖');
    expect(await office.inputValue('[data-testid="section-0"]')).toBe('我自己先写的内容，很重要。');
    office.once('dialog', (dialog) => void dialog.accept());
    await upload();
    await waitUntil(async () => (await office.inputValue('[data-testid="section-1"]')) === '学习不够系统。', 20_000, 'the upload in the editor', 200);
    expect(await office.inputValue('[data-testid="section-0"]')).toBe('全年发展预备党员3名。');
    expect(await office.inputValue('[data-testid="preamble"]')).toBe('局机关党支部书记述职报告');
    await expect(office.getByTestId('upload-note').count()).resolves.toBe(0);
    await waitUntil(async () => (await workingCopyOf('demo-2026/bureau-office')).includes('建立学习制度。'), 20_000, 'autosave to keep the upload', 200);
    expect(await workingCopyOf('demo-2026/bureau-office')).toContain('## 三、下步工作思路和主要措施\n建立学习制度。');
    await screenshot(office, '03b-editor-docx-upload');
  });

  test('the reviewer, signed in by a fresh link from the sign-in page, requests a revision', async () => {
    reviewer = await signInByFreshLink(REVIEWER, `/reports/${encodeURIComponent(MIDDLE)}`);
    await reviewer.locator('[data-testid="report-text"]').waitFor();
    await expect(reviewer.locator('[data-testid="report-text"]').textContent()).resolves.toContain('发展预备党员2名');
    await reviewer.fill('[data-testid="revision-comment"]', '请补充党费使用情况');
    await reviewer.click('[data-testid="request-revision"]');
    await reviewer.locator('.facts [data-state="revision_requested"]').waitFor();
    await screenshot(reviewer, '04-revision-requested');
    expect(await stateOf(MIDDLE)).toBe('revision_requested');
  });

  test('the admin reminds a secretary now, from the report page', async () => {
    const office = 'demo-2026/bureau-office';
    const before = stack.smtp.mailbox.list({ to: 'shuji.jiguan@bureau.example' }).length;
    await reviewer.goto(`${stack.webUrl}/reports/${encodeURIComponent(office)}`);
    await reviewer.getByTestId('admin-remind').click();
    await reviewer.getByTestId('message').waitFor();
    await waitUntil(() => stack.smtp.mailbox.list({ to: 'shuji.jiguan@bureau.example' }).length > before, 30_000, 'the reminder mail', 300);
    const reminder = await stack.scratch.db.sentMail.findFirstOrThrow({ where: { reportId: office, kind: 'reminder' } });
    expect(reminder.toAddress).toBe('shuji.jiguan@bureau.example');
    const event = await stack.scratch.db.auditEvent.findFirstOrThrow({ where: { reportId: office, action: 'report.reminded_now' } });
    expect([event.actorEmail, event.channel]).toEqual([REVIEWER, 'web']);
  });

  test('the secretary sees the comment beside the version it was made on, compares versions and revises', async () => {
    await secretary.reload();
    const submittedVersion = (await stack.scratch.db.reportVersion.findFirstOrThrow({ where: { reportId: MIDDLE, kind: 'submission' } })).number;
    await expect(secretary.getByTestId(`comments-v${submittedVersion}`).textContent()).resolves.toContain('请补充党费使用情况');
    await secretary.fill('[data-testid="section-0"]', '全年发展预备党员2名，收缴党费3000元，用于党员教育。');
    await secretary.click('[data-testid="submit"]');
    await secretary.locator('.facts [data-state="submitted"]').waitFor();
    const versions = await stack.scratch.db.reportVersion.findMany({ where: { reportId: MIDDLE, kind: 'submission' }, orderBy: { number: 'asc' } });
    expect(versions).toHaveLength(2);
    await secretary.goto(`${stack.webUrl}/reports/${encodeURIComponent(MIDDLE)}/diff?from=${versions[0]?.number}&to=${versions[1]?.number}`);
    await expect(secretary.locator('[data-testid="diff"] ins').first().textContent()).resolves.toContain('用于党员教育');
    await screenshot(secretary, '05-diff');
  });

  test('a leader approves three reviewed reports at once, each with its own rating', async () => {
    await reviewer.goto(`${stack.webUrl}/reports/${encodeURIComponent(MIDDLE)}`);
    await reviewer.click('[data-testid="approve"]'); // the reviewer passes the review; leadership approves
    await reviewer.locator('.facts [data-state="reviewed"]').waitFor();
    const file = join(stack.dir, 'report.md');
    writeFileSync(file, GOOD_REPORT);
    for (const [branch, email] of [
      ['bureau-office', 'shuji.jiguan@bureau.example'],
      ['experimental-primary', 'shuji.shixiao@school.example'],
    ] as const) {
      for (const args of [
        ['report', 'submit', `demo-2026/${branch}`, '--file', file, '--as', email],
        ['report', 'review', `demo-2026/${branch}`, '--approve', '--as', REVIEWER],
      ]) {
        const result = await runCli(args, stack.cliEnv);
        expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: expect.any(String) });
      }
    }

    const leader = await signInByFreshLink(LEADER, '/queue?state=reviewed');
    await leader.getByTestId('select-all').check();
    await leader.getByTestId('rating-bureau-office').selectOption('好');
    await leader.getByTestId('rating-no1-middle-school').selectOption('较好');
    await leader.getByTestId('rating-experimental-primary').selectOption('一般');
    await screenshot(leader, '06-review-queue');
    await leader.getByTestId('bulk-approve').click();
    await leader.getByTestId('confirm').click();
    await leader.getByTestId('results').waitFor();
    await screenshot(leader, '07-bulk-approval-results');
    await expect(leader.locator('[data-testid="results"] tr[data-outcome="approved"]').count()).resolves.toBe(3);
    const ratings = await stack.scratch.db.report.findMany({
      where: { seasonId: 'demo-2026' },
      select: { branchId: true, state: true, rating: true },
      orderBy: { branchId: 'asc' },
    });
    expect(ratings).toEqual([
      { branchId: 'bureau-office', state: 'approved', rating: '好' },
      { branchId: 'experimental-primary', state: 'approved', rating: '一般' },
      { branchId: 'no1-middle-school', state: 'approved', rating: '较好' },
    ]);
    const approvals = await stack.scratch.db.auditEvent.findMany({ where: { seasonId: 'demo-2026', action: 'report.approved' } });
    expect(approvals.map((e) => [e.actorEmail, e.channel])).toEqual(Array(3).fill([LEADER, 'web']));
  });

  test('the admin dashboard shows them approved, with the ratings, in either language', async () => {
    await reviewer.goto(`${stack.webUrl}/seasons/demo-2026`);
    await expect(reviewer.locator('[data-testid="counts"] tr[data-state="approved"] td.num').textContent()).resolves.toBe('3');
    await expect(reviewer.locator('[data-testid="ratings-chart"] [data-bar="好"]').textContent()).resolves.toBe('1');
    await expect(reviewer.getByTestId('season-status').textContent()).resolves.toBe('进行中');
    await screenshot(reviewer, '08-dashboard');
    await reviewer.getByTestId('language').click();
    await expect(reviewer.locator('h2').first().textContent()).resolves.toBe('Reports by state');
    await expect(reviewer.getByTestId('season-status').textContent()).resolves.toBe('running');
    await screenshot(reviewer, '09-dashboard-en');
  });
});
