// Signing someone in in the browser as they would: ask for a link on the sign-in page, open it
// from the captured mail (and press the button on the page it opens, where there is one).
import type { BrowserContext, Page } from 'playwright-core';
import type { RealStack } from './real-stack';
import { waitUntil } from './wait';

/** The newest mail to this person after the first `since` of theirs that holds a sign-in link. */
export async function signInLinkFor(stack: RealStack, email: string, since = 0): Promise<string> {
  let link = '';
  await waitUntil(
    async () => {
      for (const mail of stack.smtp.mailbox.list({ to: email }).slice(since).reverse()) {
        const match = /https?:\/\/\S+\/signin\/\S+/.exec((await stack.smtp.mailbox.read(mail.id)).text);
        if (match) {
          link = match[0];
          return true;
        }
      }
      return false;
    },
    30_000,
    `a mail with a sign-in link to ${email}`,
    300,
  );
  return link;
}

/** A new page in `context`, signed in as `email` by a fresh link. */
export async function signInFresh(stack: RealStack, context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  const before = stack.smtp.mailbox.list({ to: email }).length;
  await page.goto(`${stack.webUrl}/login`);
  await page.fill('input[name="email"]', email);
  await page.click('form[action="/login"] button');
  await page.getByTestId('link-sent').waitFor();
  await openSignInLink(page, await signInLinkFor(stack, email, before));
  return page;
}

/** Opens a sign-in link; a link that first shows a page with a button is continued by it. */
export async function openSignInLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  if (new URL(page.url()).pathname.startsWith('/signin/')) {
    await page.locator('main form button').first().click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signin/'));
  }
}
