// A browser page signed in as someone without going through mail: a session opened in the
// database the web app reads, its cookie set in a fresh browser context (with the page language
// chosen). The sign-in itself is tested elsewhere; these tests are about what people then see.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { LANG_COOKIE } from '../../web/context';
import { openSession, SESSION_COOKIE } from '../../web/sessions';
import type { RealStack } from './real-stack';

export async function signedInPage(
  stack: RealStack,
  browser: Browser,
  email: string,
  options: { locale?: 'zh-CN' | 'en'; context?: BrowserContextOptions } = {},
): Promise<Page> {
  const session = await openSession(stack.scratch.db, email);
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, ...options.context });
  await context.addCookies([
    { name: SESSION_COOKIE, value: session.id, url: stack.webUrl },
    { name: LANG_COOKIE, value: options.locale ?? 'zh-CN', url: stack.webUrl },
  ]);
  return context.newPage();
}
