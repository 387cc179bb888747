// Findings where the secretary writes, and a comparison people can read (issue #24, defects 6 and
// 4), in real Chromium on the real stack. A finding shows once, under the box it is about, counted
// in that box's paragraphs, and its link selects the placeholder in the box. A submission posted by
// the form (CRLF) is stored as the draft saved by script (LF) would be, so the draft compared with
// the last submission (the default) marks only the one figure that changed, inside its paragraph.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runCli } from '../helpers/cli';
import { launchChromium, screenshot } from '../helpers/browser';
import { signInFresh } from '../helpers/browser-sign-in';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { waitUntil } from '../helpers/wait';

const MIDDLE = 'demo-2026/no1-middle-school';
const SECRETARY = 'shuji.yizhong@school.example';
const REVIEWER = 'zuzhi@bureau.example';
const PARAGRAPH = '全年发展预备党员12名，转正8名，培训入党积极分子30名，收缴党费3000元，开展主题党日活动12次，组织集中学习24次。';

describe('findings in their box, and versions compared', () => {
  let stack: RealStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let secretary: Page;

  const reportPath = `/reports/${encodeURIComponent(MIDDLE)}`;
  const stateOf = async () => (await stack.scratch.db.report.findUniqueOrThrow({ where: { id: MIDDLE } })).state;
  const versions = () => stack.scratch.db.reportVersion.findMany({ where: { reportId: MIDDLE }, orderBy: { number: 'asc' }, include: { content: true } });
  const cli = async (args: string[]) => {
    const result = await runCli(args, stack.cliEnv);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  };
  async function signedIn(email: string, options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: options.width ?? 1280, height: 900 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    contexts.push(context);
    return signInFresh(stack, context, email);
  }
  const placeholders = (page: Page) => page.locator('li[data-code="placeholder"]');

  beforeAll(async () => {
    stack = await startRealStack('compare');
    stack.startWorker();
    await stack.startWeb();
    await cli(['season', 'create', '--file', DEMO_SEASON_FILE]);
    await cli(['season', 'start', 'demo-2026', '--wait']);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  });

  test('a placeholder is shown once, under its section, in its own paragraph; its link selects it', async () => {
    secretary = await signedIn(SECRETARY);
    await secretary.goto(`${stack.webUrl}${reportPath}`);
    await secretary.fill('[data-testid="preamble"]', '第一中学党支部书记述职报告');
    await secretary.fill('[data-testid="section-0"]', PARAGRAPH);
    await secretary.fill('[data-testid="section-1"]', '学习不够深入。\n调研还有XX处不足。');
    await secretary.fill('[data-testid="section-2"]', '加强学习。');
    // The refusal is a new page at the post's address: waited for, so the findings and the screenshot
    // below are of it, not of the old page's live check mid-navigation.
    await Promise.all([secretary.waitForURL(/\/submit$/), secretary.click('[data-testid="submit"]')]);

    const finding = secretary.locator('[data-findings-for="section-1"] li[data-code="placeholder"]');
    await finding.waitFor();
    await expect(finding.textContent()).resolves.toBe('! 第 2 段有未填写的占位符：“调研还有XX处不足。”');
    await expect(placeholders(secretary).count()).resolves.toBe(1);
    await screenshot(secretary, 'findings-in-box');

    // The live check draws its findings into the same lists: still one, not one more.
    await finding.evaluate((li) => li.setAttribute('data-drawn-by', 'server'));
    await secretary.click('[data-testid="check"]');
    // Polled from here: the pages' policy refuses a predicate evaluated as a string in the page.
    await waitUntil(
      async () =>
        (await secretary.evaluate(
          `!document.querySelector('[data-drawn-by]') && !!document.querySelector('[data-findings-for="section-1"] li[data-code="placeholder"]')`,
        )) === true,
      20_000,
      'the live check to redraw its findings',
      200,
    );
    await expect(placeholders(secretary).count()).resolves.toBe(1);

    await finding.locator('a').click();
    // The page's own words, run in the page (this project's types have no DOM).
    const selected = await secretary.evaluate(`(() => {
      const box = document.activeElement;
      return { box: box.dataset.testid, text: box.value.slice(box.selectionStart, box.selectionEnd) };
    })()`);
    expect(selected).toEqual({ box: 'section-1', text: 'XX' });

    await secretary.fill('[data-testid="section-1"]', '学习不够深入。\n调研还有两处不足。');
    await secretary.click('[data-testid="submit"]');
    await secretary.locator('.facts [data-state="submitted"]').waitFor();
    expect(await stateOf()).toBe('submitted');
  });

  test('the form-posted submission is stored with LF, like a draft saved by script, and the record verifies', async () => {
    const submitted = (await versions()).filter((v) => v.kind === 'submission');
    expect(submitted).toHaveLength(1);
    expect(submitted[0]?.content.body).toContain(`## 一、主要工作\n${PARAGRAPH}\n`);
    expect(submitted[0]?.content.body).not.toContain('\r');
    // Stored as normalised, hashed as stored: the record still proves every version's text.
    await cli(['audit', 'verify', 'demo-2026', '--deep']);
  });

  test('after a send-back, the draft compared with the last submission marks only the changed figure', async () => {
    await cli(['report', 'review', MIDDLE, '--request-revision', '--comment', '请核实发展预备党员人数', '--as', REVIEWER]);
    await waitUntil(async () => (await stateOf()) === 'revision_requested', 30_000, 'the report sent back');
    await secretary.goto(`${stack.webUrl}${reportPath}`);
    await secretary.fill('[data-testid="section-0"]', PARAGRAPH.replace('预备党员12名', '预备党员15名'));
    const before = (await versions()).length;
    await secretary.click('[data-testid="save"]');
    await waitUntil(async () => (await versions()).length > before, 30_000, 'the saved draft');

    await secretary.goto(`${stack.webUrl}${reportPath}`);
    await secretary.getByTestId('compare-last').click();
    await secretary.getByTestId('diff').waitFor();
    const [submission, draft] = [(await versions()).filter((v) => v.kind === 'submission').at(-1), (await versions()).at(-1)];
    await expect(secretary.getByTestId('compare-summary').textContent()).resolves.toBe(
      `第 ${submission?.number} 版（提交稿） → 第 ${draft?.number} 版（草稿）：共 1 处改动。`,
    );
    await expect(secretary.locator('[data-testid="diff"] ins').allTextContents()).resolves.toEqual(['15']);
    await expect(secretary.locator('[data-testid="diff"] del').allTextContents()).resolves.toEqual(['12']);
    await expect(secretary.locator('[data-testid="diff"] .diff-row.changed').count()).resolves.toBe(1);
    await expect(secretary.getByTestId('compare-legend').textContent()).resolves.toBe('图例：加下划线 为新增的文字；加删除线 为删去的文字。');
    await screenshot(secretary, 'compare-last-submission');
  });

  test('any two versions, chosen with two selects and a button, without script, on a phone', async () => {
    const reviewer = await signedIn(REVIEWER, { javaScriptEnabled: false, width: 390 });
    await reviewer.goto(`${stack.webUrl}${reportPath}/diff`);
    const all = await versions();
    const submission = all.filter((v) => v.kind === 'submission').at(-1);
    const latest = all.at(-1);
    // Picked the wrong way round: the page puts the earlier first.
    await reviewer.getByTestId('compare-from').selectOption(String(latest?.number));
    await reviewer.getByTestId('compare-to').selectOption(String(submission?.number));
    await reviewer.getByTestId('compare-show').click();
    await reviewer.waitForURL((url) => url.searchParams.get('from') === String(latest?.number));
    await expect(reviewer.getByTestId('compare-summary').textContent()).resolves.toBe(
      `第 ${submission?.number} 版（提交稿） → 第 ${latest?.number} 版（草稿）：共 1 处改动。`,
    );
    await expect(reviewer.locator('[data-testid="diff"] ins').allTextContents()).resolves.toEqual(['15']);
    const width = await reviewer.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(reviewer, 'compare-chosen-390');
  });
});
