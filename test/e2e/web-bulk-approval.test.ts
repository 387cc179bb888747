// Bulk approval does what the leader chose (issue #24, defect 7): no rating is chosen for the
// leader, a row's own rating wins over the rating for all, a row left with none is refused in
// words, and the confirmation names each branch with the rating it will get.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runCli } from '../helpers/cli';
import { launchChromium, screenshot } from '../helpers/browser';
import { signInFresh } from '../helpers/browser-sign-in';
import { GOOD_REPORT } from '../helpers/report-harness';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { startRealStack, type RealStack } from '../helpers/real-stack';

const REVIEWER = 'zuzhi@bureau.example';
const LEADER = 'dangzu.shuji@bureau.example';
const SECRETARIES = {
  'bureau-office': 'shuji.jiguan@bureau.example',
  'no1-middle-school': 'shuji.yizhong@school.example',
  'experimental-primary': 'shuji.shixiao@school.example',
} as const;

describe('bulk approval in the browser', () => {
  let stack: RealStack;
  let browser: Browser;
  let context: BrowserContext;
  let leader: Page;

  const cli = async (args: string[]) => {
    const result = await runCli(args, stack.cliEnv);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  };
  const reports = () =>
    stack.scratch.db.report.findMany({ where: { seasonId: 'demo-2026' }, select: { branchId: true, state: true, rating: true }, orderBy: { branchId: 'asc' } });
  /** The confirmation's rows as the leader reads them: branch, then rating. */
  const confirmRows = () =>
    leader.locator('[data-testid="confirm-row"]').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.innerText.trim())));

  beforeAll(async () => {
    stack = await startRealStack('bulk');
    stack.startWorker();
    await stack.startWeb();
    await cli(['season', 'create', '--file', DEMO_SEASON_FILE]);
    await cli(['season', 'start', 'demo-2026', '--wait']);
    const file = join(stack.dir, 'report.md');
    writeFileSync(file, GOOD_REPORT);
    for (const [branch, email] of Object.entries(SECRETARIES)) {
      await cli(['report', 'submit', `demo-2026/${branch}`, '--file', file, '--as', email]);
      await cli(['report', 'review', `demo-2026/${branch}`, '--approve', '--as', REVIEWER]);
    }
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
    leader = await signInFresh(stack, context, LEADER);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stack?.stop();
  });

  test('with no rating for all, rows left without one are refused in words, and nothing is approved', async () => {
    await leader.goto(`${stack.webUrl}/queue?state=reviewed`);
    await expect(leader.getByTestId('rating-all').inputValue()).resolves.toBe('');
    await leader.getByTestId('select-all').check();
    await leader.getByTestId('rating-no1-middle-school').selectOption('较好');
    await leader.getByTestId('bulk-approve').click();
    const problem = leader.getByTestId('bulk-problem');
    await problem.waitFor();
    await screenshot(leader, 'bulk-10-missing-rating');
    const said = await problem.innerText();
    expect(said).toContain('局机关党支部');
    expect(said).toContain('实验小学党支部');
    expect(said).not.toContain('第一中学党支部');
    // Pressing on without choosing is refused again, on the server, and changes nothing.
    await leader.getByTestId('confirm').click();
    await leader.getByTestId('bulk-problem').waitFor();
    expect((await reports()).map((r) => r.state)).toEqual(['reviewed', 'reviewed', 'reviewed']);
  });

  test("a row's own rating wins over the rating for all; the confirmation names each branch and its rating", async () => {
    await leader.goto(`${stack.webUrl}/queue?state=reviewed`);
    await leader.getByTestId('select-all').check();
    await leader.getByTestId('rating-no1-middle-school').selectOption('差');
    await leader.getByTestId('rating-all').selectOption('好');
    await leader.getByTestId('bulk-approve').click();
    await leader.getByTestId('confirm').waitFor();
    await screenshot(leader, 'bulk-11-confirm');
    await expect(confirmRows()).resolves.toEqual([
      ['局机关党支部', '好'],
      ['实验小学党支部', '好'],
      ['第一中学党支部', '差'],
    ]);
    expect(await leader.locator('main').innerText()).not.toContain('demo-2026/');
    await leader.getByTestId('confirm').click();
    await leader.getByTestId('results').waitFor();
    await screenshot(leader, 'bulk-12-results');
    await expect(reports()).resolves.toEqual([
      { branchId: 'bureau-office', state: 'approved', rating: '好' },
      { branchId: 'experimental-primary', state: 'approved', rating: '好' },
      { branchId: 'no1-middle-school', state: 'approved', rating: '差' },
    ]);
    const results = await leader.getByTestId('results').innerText();
    expect(results).toContain('第一中学党支部');
    expect(results).not.toContain('demo-2026/');
  });
});
