// Accessibility and phone-width checks for a page already open in Chromium: axe-core's WCAG 2.1 AA
// rules (only what axe calls critical or serious fails a test), and whether the page fits a phone.
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];

/** The widths every page is checked and photographed at: an office PC and a phone. */
export const WIDTHS = [1280, 390] as const;
/** The narrowest phone a page must fit without scrolling sideways. */
export const NARROWEST = 360;

/** Each critical or serious finding on the page, one line per element, saying where and why. */
export async function axeProblems(page: Page, where: string): Promise<string[]> {
  // Injected each time: a navigation drops it, and a page that already has it is not harmed. Run
  // by the debugger, not as a <script>: the pages' policy refuses inline scripts, as it should.
  await page.evaluate(axe.source);
  // Browser-side code is given as text: the project's TypeScript has no DOM types.
  const options = { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] };
  const result = await page.evaluate<axe.AxeResults>(`axe.run(document, ${JSON.stringify(options)})`);
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.map((n) => `${where}: ${v.impact} ${v.id} (${v.help}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`));
}

/** How far the page is wider than the window (0 when it fits), at the given width. */
export async function overflowAt(page: Page, width: number): Promise<number> {
  await page.setViewportSize({ width, height: 800 });
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/**
 * The size each piece of text under the elements with these test ids is drawn at, in CSS pixels:
 * SVG text at its font size times the drawing's scale on screen.
 */
export function renderedTextSizes(page: Page, testIds: string[]): Promise<{ root: string; text: string; px: number }[]> {
  return page.evaluate(`${JSON.stringify(testIds)}.flatMap((root) => {
    const found = [];
    const element = document.querySelector('[data-testid="' + root + '"]');
    if (!element) return found;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      const text = walker.currentNode.textContent.trim();
      if (!el || !text || el.closest('title')) continue;
      const scale = el instanceof SVGGraphicsElement ? (el.getScreenCTM()?.a ?? 1) : 1;
      found.push({ root, text, px: Math.round(parseFloat(getComputedStyle(el).fontSize) * scale * 10) / 10 });
    }
    return found;
  })`);
}

/** How many lines the text of each element matching `selector` takes on screen. */
export function textLines(page: Page, selector: string): Promise<{ text: string; lines: number }[]> {
  return page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
    return { text: el.textContent.trim(), lines: tops.size };
  })`);
}

/** The innermost elements that reach past the window's right edge, named as a selector would. */
function widest(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const edge = document.documentElement.clientWidth + 1;
    const past = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > edge);
    const innermost = past.filter((el) => !past.some((other) => other !== el && el.contains(other)));
    return innermost.slice(0, 5).map((el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + (el.dataset.testid ? '[data-testid=' + el.dataset.testid + ']' : ''));
  })()`);
}

/**
 * The page as it is now, at each width: a screenshot (`<name>-<width>.png`) and axe's findings;
 * then whether it fits the narrowest phone. Returns every problem found, empty when none.
 */
export async function checkPage(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `${name}-${width}`);
    problems.push(...(await axeProblems(page, `${name} @${width}px`)));
  }
  const overflow = await overflowAt(page, NARROWEST);
  if (overflow > 0) problems.push(`${name} @${NARROWEST}px: the page is ${overflow} px wider than the screen, by ${(await widest(page)).join(', ')}`);
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
  return problems;
}
