// Language and names everywhere (issue #24, defect 5): every page, as each role sees it in the
// zh-CN interface, in real Chromium on the real stack, with reports in every step (sent back,
// passed review, approved). No page may show an email address (a name exists for everyone here:
// their address is on hover only), a camelCase key, a `report.*` code, or an English word (but
// for a few that are names in Chinese too: PDF, Word, CSV…). The demo mailbox is left out: it
// lists captured mail by its envelope, where the address is the point.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runCli } from '../helpers/cli';
import { launchChromium, screenshot } from '../helpers/browser';
import { GOOD_REPORT } from '../helpers/report-harness';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { signedInPage } from '../helpers/signed-in-page';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { LANG_COOKIE } from '../../web/context';

const OFFICE = 'demo-2026/bureau-office'; // 孙书记: sent back for revision
const MIDDLE = 'demo-2026/no1-middle-school'; // 周书记: passed review, waiting for leadership
const PRIMARY = 'demo-2026/experimental-primary'; // 吴书记 (English by her own setting): approved
const ADMIN = 'zuzhi@bureau.example'; // 王组织, the reviewer of all three and the season's admin
const LEADER = 'dangzu.shuji@bureau.example';

/** English words that are also the names Chinese readers use for these things. */
const ALLOWED_ENGLISH = new Set(['PDF', 'Word', 'CSV', 'Excel', 'Markdown', 'OK', 'English', 'docx']);

/** What a page shows a reader: its text, the title, placeholders, labels for assistive technology and choices. */
function readableText(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const texts = [document.title, document.body.innerText];
    for (const element of document.querySelectorAll('[placeholder], [aria-label]')) {
      texts.push(element.getAttribute('placeholder') ?? '', element.getAttribute('aria-label') ?? '');
    }
    for (const option of document.querySelectorAll('option')) texts.push(option.textContent ?? '');
    return texts.join('\\n');
  })()`);
}

/** Each code word, address or English word on the page, with a little of the text around it. */
function problemsIn(text: string): string[] {
  const found: string[] = [];
  const around = (index: number, length: number) => text.slice(Math.max(0, index - 15), index + length + 15).replace(/\s+/g, ' ');
  const rules: [string, RegExp, (word: string) => boolean][] = [
    ['email', /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, () => true],
    ['code', /\b(?:report|season)\.[a-z_]+\b/g, () => true],
    ['camelCase', /\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g, () => true],
    ['English', /[A-Za-z]{2,}/g, (word) => !ALLOWED_ENGLISH.has(word)],
  ];
  for (const [kind, pattern, counts] of rules) {
    for (const match of text.matchAll(pattern)) {
      if (counts(match[0])) found.push(`${kind} "${match[0]}" in "…${around(match.index ?? 0, match[0].length)}…"`);
    }
  }
  return [...new Set(found)];
}

describe('every page speaks Chinese and names people', () => {
  let stack: RealStack;
  let browser: Browser;

  const reportPath = (id: string) => `/reports/${encodeURIComponent(id)}`;

  /** The problems on the page now, each naming the page. */
  async function check(page: Page, what: string): Promise<string[]> {
    await screenshot(page, `page-words-${what.replace(/[^\w-]+/g, '-')}`);
    return problemsIn(await readableText(page)).map((problem) => `${what} (${new URL(page.url()).pathname}): ${problem}`);
  }

  /** Visits each path as this page's person and checks it. */
  async function visit(page: Page, who: string, paths: string[]): Promise<string[]> {
    const problems: string[] = [];
    for (const path of paths) {
      await page.goto(`${stack.webUrl}${path}`);
      problems.push(...(await check(page, `${who} ${path}`)));
    }
    return problems;
  }

  const cli = async (...args: string[]) => {
    const result = await runCli(args, stack.cliEnv);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  };

  beforeAll(async () => {
    stack = await startRealStack('web-page-words');
    stack.startWorker();
    await stack.startWeb();
    await cli('season', 'create', '--file', DEMO_SEASON_FILE);
    await cli('season', 'start', 'demo-2026', '--wait');
    const file = join(stack.dir, 'report.md');
    writeFileSync(file, GOOD_REPORT);
    // One report in each step, and a timeline with a reminder and an extension in it.
    await cli('report', 'submit', OFFICE, '--file', file, '--as', 'shuji.jiguan@bureau.example');
    await cli('report', 'review', OFFICE, '--request-revision', '--comment', '请补充党费使用情况', '--as', ADMIN);
    await cli('report', 'extend', OFFICE, '--until', '2027-01-15', '--as', ADMIN);
    await cli('report', 'submit', MIDDLE, '--file', file, '--as', 'shuji.yizhong@school.example');
    await cli('report', 'review', MIDDLE, '--approve', '--as', ADMIN);
    await cli('report', 'submit', PRIMARY, '--file', file, '--as', 'shuji.shixiao@school.example');
    await cli('report', 'review', PRIMARY, '--approve', '--as', ADMIN);
    await cli('report', 'review', PRIMARY, '--approve', '--rating', '好', '--as', LEADER);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('the rules catch what they must, and let Chinese, names, dates and the allowed words pass', () => {
    expect(problemsIn('2026-12-31 23:59 · 周书记（第一中学） · 上传 Word 草稿（.docx） · 导出：CSV · v3')).toEqual([]);
    expect(problemsIn('report.assigned · system · workflow').map((p) => p.split(' ')[0])).toEqual(['code', 'English', 'English', 'English', 'English']);
    expect(problemsIn('probationaryMembersRecruited')[0]).toMatch(/^camelCase/);
    expect(problemsIn('王组织 zuzhi@bureau.example')[0]).toMatch(/^email "zuzhi@bureau.example"/);
  });

  test('signed out: the sign-in page and a page that does not exist', async () => {
    // The Chinese interface chosen in the header (the test stack's default language is English).
    const context = await browser.newContext({ locale: 'zh-CN' });
    await context.addCookies([{ name: LANG_COOKIE, value: 'zh-CN', url: stack.webUrl }]);
    const page = await context.newPage();
    expect(await visit(page, 'anonymous', ['/login', '/no-such-page'])).toEqual([]);
  });

  test('secretaries: home, their report in each step, its comparison, and another branch’s report they may not see', async () => {
    const problems: string[] = [];
    for (const [email, reportId] of [
      ['shuji.jiguan@bureau.example', OFFICE],
      ['shuji.yizhong@school.example', MIDDLE],
      ['shuji.shixiao@school.example', PRIMARY],
    ] as const) {
      const page = await signedInPage(stack, browser, email);
      problems.push(
        ...(await visit(page, email.split('@')[0] as string, [
          '/',
          reportPath(reportId),
          `${reportPath(reportId)}/diff`,
          reportPath(MIDDLE === reportId ? OFFICE : MIDDLE),
        ])),
      );
    }
    expect(problems).toEqual([]);
  });

  test('the admin and reviewer: home, queue, every report, the dashboard, and the confirmations', async () => {
    const page = await signedInPage(stack, browser, ADMIN);
    const problems = await visit(page, 'admin', [
      '/',
      '/queue',
      '/queue?state=reviewed',
      reportPath(OFFICE),
      reportPath(MIDDLE),
      reportPath(PRIMARY),
      '/seasons/demo-2026',
    ]);
    // After an act: the sentence saying what happens next.
    await page.goto(`${stack.webUrl}${reportPath(OFFICE)}`);
    await page.getByTestId('admin-remind').click();
    await page.getByTestId('message').waitFor();
    problems.push(...(await check(page, 'admin after reminding')));
    // The confirmation pages of acts that cannot be undone (left unconfirmed).
    await page.fill('[data-testid="exempt-reason"]', '学校撤并');
    await page.getByTestId('admin-exempt').click();
    await page.getByTestId('confirmation').waitFor();
    problems.push(...(await check(page, 'admin confirming an exemption')));
    await page.goto(`${stack.webUrl}/seasons/demo-2026`);
    await page.getByTestId('season-close').click();
    await page.getByTestId('confirmation').waitFor();
    problems.push(...(await check(page, 'admin confirming the close')));
    expect(problems).toEqual([]);
  });

  test('leadership: home, the queue, a report to approve, and bulk approval’s confirmation and results', async () => {
    const page = await signedInPage(stack, browser, LEADER);
    const problems = await visit(page, 'leader', ['/', '/queue?state=reviewed', reportPath(MIDDLE), reportPath(PRIMARY)]);
    await page.goto(`${stack.webUrl}/queue?state=reviewed`);
    await page.getByTestId('select-no1-middle-school').check();
    await page.getByTestId('rating-no1-middle-school').selectOption('较好');
    await page.getByTestId('bulk-approve').click();
    await page.getByTestId('confirm').waitFor();
    problems.push(...(await check(page, 'leader confirming bulk approval')));
    await page.getByTestId('confirm').click();
    await page.getByTestId('results').waitFor();
    problems.push(...(await check(page, 'leader reading bulk approval results')));
    expect(problems).toEqual([]);
  });

  test('a liaison: home and the reports of the branches they follow', async () => {
    const page = await signedInPage(stack, browser, 'weiyuan.zhao@bureau.example');
    expect(await visit(page, 'liaison', ['/', reportPath(OFFICE), reportPath(MIDDLE)])).toEqual([]);
  });
});
