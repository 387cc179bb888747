// A secretary submits while no worker runs, in real Chromium on the real stack: the page says so
// in her words, her text stays in the editor and nothing is recorded; once a worker runs again the
// same press submits it. At 390 px, a phone, where she is most likely to meet it.
import type { Browser, BrowserContext } from 'playwright-core';
import { waitForWorker, POLLED_WITHIN_MS } from '../../app/worker-presence';
import type { OwnedProcess } from '../../stack/child-process';
import { checkPage } from '../helpers/axe';
import { launchChromium } from '../helpers/browser';
import { signInFresh } from '../helpers/browser-sign-in';
import { startSeasonOnStack } from '../helpers/season-on-stack';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { DEMO } from '../helpers/seasons';

jest.setTimeout(300_000);

let stack: RealStack;
let worker: OwnedProcess;
let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  stack = await startRealStack('no-worker-page');
  worker = stack.startWorker();
  await stack.startWeb();
  await startSeasonOnStack(stack);
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

test('with no worker, 提交 says none runs and keeps her text; with one again, the same press submits it', async () => {
  const page = await signInFresh(stack, context, DEMO.secretary);
  await page.goto(`${stack.webUrl}/reports/${encodeURIComponent(DEMO.middle)}`);
  const sections = ['全年发展预备党员2名，收缴党费3000元。', '学习不够深入。', '下一步每月开展一次专题研讨。'];
  for (const [index, text] of sections.entries()) await page.fill(`[data-testid="section-${index}"]`, text);

  worker.child.kill('SIGKILL');
  await worker.ended;
  // Until its last poll is old, the server still lists the dead worker (test/integration/no-worker.test.ts covers that while).
  await new Promise((resolve) => setTimeout(resolve, POLLED_WITHIN_MS + 1_000));
  const versionsBefore = await stack.scratch.db.reportVersion.count({ where: { reportId: DEMO.middle } });

  await page.click('[data-testid="submit"]');
  await page.getByText('后台处理程序（worker）没有运行：请求未发送，什么也没有改变。').first().waitFor();
  for (const [index, text] of sections.entries()) await expect(page.inputValue(`[data-testid="section-${index}"]`)).resolves.toBe(text);
  expect(await checkPage(page, 'no-worker-01-refused-phone')).toEqual([]);
  expect(await stack.scratch.db.reportVersion.count({ where: { reportId: DEMO.middle } })).toBe(versionsBefore);

  stack.startWorker();
  await waitForWorker(stack.env.client, 60_000);
  await page.click('[data-testid="submit"]');
  await page.locator('.facts [data-state="submitted"]').waitFor();
  const submission = await stack.scratch.db.reportVersion.findFirstOrThrow({
    where: { reportId: DEMO.middle, kind: 'submission' },
    include: { content: true },
  });
  expect(submission.content.body).toContain(sections[2]);
});
