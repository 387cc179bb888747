// Every page, as each person who sees it, at an office PC's width and a phone's (issue #24,
// defects 11 and 14): axe-core finds nothing critical or serious, the page fits a 360 px phone, and
// a screenshot of each is written to test-results/screenshots/ (a11y-<who>-<page>-<width>.png).
// Then what a phone made unreadable: the queue's branch names and ratings, the dashboard's charts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runCli } from '../helpers/cli';
import { launchChromium } from '../helpers/browser';
import { checkPage, NARROWEST, renderedTextSizes, textLines } from '../helpers/axe';
import { signInFresh, signInLinkFor } from '../helpers/browser-sign-in';
import { GOOD_REPORT } from '../helpers/report-harness';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { startRealStack, type RealStack } from '../helpers/real-stack';

const SEASON = 'demo-2026';
const MIDDLE = `${SEASON}/no1-middle-school`;
const SECRETARY = 'shuji.yizhong@school.example';
const REVIEWER = 'zuzhi@bureau.example'; // also the season's admin
const LEADER = 'dangzu.shuji@bureau.example';
const CHARTS = ['state-chart', 'progress-chart', 'ratings-chart'];

const reportUrl = (id: string) => `/reports/${encodeURIComponent(id)}`;

describe('every page is usable by everyone, on a PC and on a phone', () => {
  let stack: RealStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let reportFile: string;

  const cli = async (...args: string[]) => {
    const result = await runCli(args, stack.cliEnv);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  };
  const newContext = async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    return context;
  };
  const signedIn = async (email: string) => signInFresh(stack, await newContext(), email);

  /** Opens each path in turn and checks it; every problem on every page, for one assertion. */
  async function walk(page: Page, who: string, paths: Record<string, string>): Promise<string[]> {
    const problems: string[] = [];
    for (const [name, path] of Object.entries(paths)) {
      await page.goto(`${stack.webUrl}${path}`);
      problems.push(...(await checkPage(page, `a11y-${who}-${name}`)));
    }
    return problems;
  }

  beforeAll(async () => {
    stack = await startRealStack('a11y');
    stack.startWorker();
    await stack.startWeb();
    await cli('season', 'create', '--file', DEMO_SEASON_FILE);
    await cli('season', 'start', SEASON, '--wait');
    reportFile = join(stack.dir, 'report.md');
    writeFileSync(reportFile, GOOD_REPORT);
    for (const [branch, email] of [
      ['bureau-office', 'shuji.jiguan@bureau.example'],
      ['experimental-primary', 'shuji.shixiao@school.example'],
    ] as const) {
      await cli('report', 'submit', `${SEASON}/${branch}`, '--file', reportFile, '--as', email);
      await cli('report', 'review', `${SEASON}/${branch}`, '--approve', '--as', REVIEWER);
    }
    // The middle school: submitted, sent back with a comment, revised and submitted again.
    await cli('report', 'submit', MIDDLE, '--file', reportFile, '--as', SECRETARY);
    await cli('report', 'review', MIDDLE, '--request-revision', '--comment', '请补充党费使用情况', '--as', REVIEWER);
    writeFileSync(reportFile, GOOD_REPORT.replace('收缴党费 3000 元。', '收缴党费 3000 元，用于党员教育培训 1200 元。'));
    await cli('report', 'submit', MIDDLE, '--file', reportFile, '--as', SECRETARY);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  });

  test('the pages anyone can reach: sign-in, a mailed link, a refused link, page not found, the demo mailbox', async () => {
    const page = await (await newContext()).newPage();
    const mail = stack.smtp.mailbox.list({ to: SECRETARY })[0];
    const link = new URL(await signInLinkFor(stack, SECRETARY));
    const problems = await walk(page, 'anyone', {
      login: '/login',
      'mailed-link': link.pathname + link.search,
      'link-refused': '/signin/not-a-real-link',
      'not-found': '/no-such-page',
      mailbox: '/mailbox',
      mail: `/mailbox/${encodeURIComponent(mail?.id ?? 'none')}`,
    });
    expect(problems).toEqual([]);
  });

  test('the reviewer: home, the queue, a submitted report with the review forms', async () => {
    const reviewer = await signedIn(REVIEWER);
    const problems = await walk(reviewer, 'reviewer', { home: '/', queue: '/queue', report: reportUrl(MIDDLE) });
    await cli('report', 'review', MIDDLE, '--request-revision', '--comment', '请写明培训人次', '--as', REVIEWER);
    expect(problems).toEqual([]);
  });

  test('the secretary: home, the editor of a report sent back, a comparison of versions, a page she may not see, her API tokens', async () => {
    const secretary = await signedIn(SECRETARY);
    const versions = await stack.scratch.db.reportVersion.findMany({ where: { reportId: MIDDLE }, orderBy: { number: 'asc' } });
    const problems = await walk(secretary, 'secretary', {
      home: '/',
      editor: reportUrl(MIDDLE),
      compare: `${reportUrl(MIDDLE)}/diff?from=${versions[0]?.number}&to=${versions.at(-1)?.number}`,
      forbidden: `/seasons/${SEASON}`,
      tokens: '/tokens',
    });
    expect(problems).toEqual([]);
  });

  test('on a phone the queue shows each branch name on a line or two, each state on one, every rating in sight', async () => {
    const leader = await signedIn(LEADER);
    await leader.goto(`${stack.webUrl}/queue?state=reviewed`);
    await leader.setViewportSize({ width: NARROWEST, height: 800 });
    const names = await textLines(leader, '[data-testid="bulk-form"] tbody tr a');
    expect(names.length).toBe(2);
    expect(names.filter(({ lines }) => lines > 2)).toEqual([]);
    expect((await textLines(leader, '[data-testid="bulk-form"] .state')).filter(({ lines }) => lines > 1)).toEqual([]);
    const ratings = await leader.locator('[data-testid="bulk-form"] select').evaluateAll((selects) =>
      selects.map((s) => {
        const box = s.getBoundingClientRect();
        return { name: s.getAttribute('name'), left: box.left, right: box.right, width: box.width };
      }),
    );
    expect(ratings.length).toBe(3); // one per row, and the rating for all
    expect(ratings.filter((box) => box.left < 0 || box.right > NARROWEST || box.width < 40)).toEqual([]);
  });

  test('the leader: home, the queue, the bulk confirmation and its results, an approved report', async () => {
    const leader = await signedIn(LEADER);
    const problems = await walk(leader, 'leader', { home: '/', queue: '/queue?state=reviewed' });
    await leader.getByTestId('select-all').check();
    await leader.getByTestId('rating-all').selectOption('好');
    await leader.getByTestId('rating-experimental-primary').selectOption('较好');
    await leader.getByTestId('bulk-approve').click();
    await leader.getByTestId('confirm').waitFor();
    problems.push(...(await checkPage(leader, 'a11y-leader-bulk-confirm')));
    await leader.getByTestId('confirm').click();
    await leader.getByTestId('results').waitFor();
    problems.push(...(await checkPage(leader, 'a11y-leader-bulk-results')));
    problems.push(...(await walk(leader, 'leader', { 'approved-report': reportUrl(`${SEASON}/bureau-office`) })));
    expect(problems).toEqual([]);
  });

  test("the dashboard's charts: text of 12 px or more, a progress line rather than a dot, their numbers in text", async () => {
    const admin = await signedIn(REVIEWER);
    await admin.goto(`${stack.webUrl}/seasons/${SEASON}`);
    for (const width of [NARROWEST, 1280]) {
      await admin.setViewportSize({ width, height: 900 });
      const sizes = await renderedTextSizes(admin, CHARTS);
      expect(new Set(sizes.map((s) => s.root))).toEqual(new Set(CHARTS));
      expect(sizes.filter((s) => s.px < 12).map((s) => `${width}px: ${s.root} "${s.text}" at ${s.px}px`)).toEqual([]);
      const chartWidth = await admin.getByTestId('progress-chart').evaluate((el) => el.getBoundingClientRect().width);
      const lines = await admin.locator('[data-testid="progress-chart"] polyline').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().width));
      expect(lines.length).toBe(2);
      for (const line of lines) expect(line).toBeGreaterThan(chartWidth / 2);
    }
    // The numbers behind each chart, as text a screen reader reads and anyone can copy.
    const withNumbers = await admin.evaluate<boolean[]>(
      `${JSON.stringify(CHARTS)}.map((id) => { const root = document.querySelector('[data-testid="' + id + '"]'); return root?.tagName === 'TABLE' || !!root?.querySelector('table'); })`,
    );
    expect(withNumbers).toEqual([true, true, true]);
    await expect(admin.locator('[data-testid="ratings-chart"] [data-bar="较好"]').textContent()).resolves.toBe('1');
  });

  test("on a phone the dashboard's branch list keeps names readable and every rating in sight or in the list's own scroll box", async () => {
    const admin = await signedIn(REVIEWER);
    await admin.goto(`${stack.webUrl}/seasons/${SEASON}`);
    await admin.setViewportSize({ width: NARROWEST, height: 800 });
    const names = await textLines(admin, '[data-testid="branches"] tbody td:first-child a');
    expect(names.length).toBe(3);
    expect(names.filter(({ lines }) => lines > 2)).toEqual([]);
    expect((await textLines(admin, '[data-testid="branches"] .state')).filter(({ lines }) => lines > 1)).toEqual([]);
    const ratings = await admin.evaluate<{ text: string; inSight: boolean; scrolls: boolean }[]>(`
      [...document.querySelectorAll('[data-testid="branches"] tbody td:last-child')].map((cell) => {
        const box = cell.getBoundingClientRect();
        const table = cell.closest('table');
        const scrolls = table.scrollWidth > table.clientWidth && getComputedStyle(table).overflowX === 'auto';
        return { text: cell.textContent, inSight: box.left >= 0 && box.right <= ${NARROWEST}, scrolls };
      })`);
    expect(ratings.filter((r) => !r.inSight && !r.scrolls)).toEqual([]);
  });

  test('the admin: home, the season dashboard, a report with the admin forms', async () => {
    const admin = await signedIn(REVIEWER);
    const problems = await walk(admin, 'admin', { home: '/', dashboard: `/seasons/${SEASON}`, report: reportUrl(MIDDLE) });
    expect(problems).toEqual([]);
  });
});
