// What the web app refuses: expired, reused and forged sign-in links; a secretary reaching for
// another branch's report by editing the URL; a cross-site POST; and markup in a report, which
// renders as text. Real stack, real Chromium.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { TEST_SECRET } from '../helpers/audit-key';
import { createSignInLinks, type SignInLinks } from '../../db/sign-in-links';
import { launchChromium, screenshot } from '../helpers/browser';
import { openSignInLink } from '../helpers/browser-sign-in';
import { startSeasonOnStack } from '../helpers/season-on-stack';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { waitUntil } from '../helpers/wait';

const OFFICE = 'demo-2026/bureau-office';
const MIDDLE = 'demo-2026/no1-middle-school';
const SECRETARY = 'shuji.yizhong@school.example';
const REVIEWER = 'zuzhi@bureau.example';
const HOUR = 3_600_000;

describe('the web app refuses what it must', () => {
  let stack: RealStack;
  let browser: Browser;
  let links: SignInLinks;

  const reportUrl = (id: string) => `${stack.webUrl}/reports/${encodeURIComponent(id)}`;

  /** A browser page signed in as this person through a freshly issued link. */
  async function signedIn(email: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await openSignInLink(page, `${stack.webUrl}/signin/${await links.issue(email)}?next=/`);
    return page;
  }

  beforeAll(async () => {
    stack = await startRealStack('web-security');
    stack.startWorker();
    await stack.startWeb();
    await startSeasonOnStack(stack);
    // The same key the worker and web app use (kept in the stack's data folder).
    links = createSignInLinks(stack.scratch.db, TEST_SECRET, HOUR);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const open = (path: string) => fetch(`${stack.webUrl}${path}`, { redirect: 'manual' });

  test("a good link signs in once, by the press of its page's button; used again it is refused", async () => {
    const token = await links.issue(SECRETARY);
    const opened = await open(`/signin/${token}?next=/`);
    expect({ status: opened.status, cookie: opened.headers.get('set-cookie') }).toEqual({ status: 200, cookie: null });
    const press = () =>
      fetch(`${stack.webUrl}/signin/${token}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'next=/',
      });
    const first = await press();
    expect(first.status).toBe(303);
    expect(first.headers.get('set-cookie')).toMatch(/shuzhi_session=.*HttpOnly.*SameSite=Lax/i);
    const again = await press();
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('This sign-in link has already been used.');
  });

  test('after signing in or changing language, the app sends people only to a page of this site', async () => {
    const elsewhere = ['/%09/evil.example/phish', '//evil.example', '/%5Cevil.example', 'https://evil.example/', '/a%0aSet-Cookie:%20x=1'];
    for (const back of elsewhere) {
      const answer = await open(`/lang/en?back=${back}`);
      expect({ back, status: answer.status, location: answer.headers.get('location') }).toEqual({ back, status: 302, location: '/' });
    }
    // As a browser follows it: a tab it would drop must not take it to another site.
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${stack.webUrl}/lang/en?back=/%09/evil.example/phish`);
    expect(new URL(page.url()).origin).toBe(new URL(stack.webUrl).origin);
    // A mailed link carries only a path of this site, whatever `next` the sign-in form was sent.
    const before = stack.smtp.mailbox.list({ to: SECRETARY }).length;
    const asked = await fetch(`${stack.webUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${encodeURIComponent(SECRETARY)}&next=${encodeURIComponent('/\t/evil.example/phish')}`,
    });
    expect(asked.status).toBeLessThan(400);
    await waitUntil(async () => stack.smtp.mailbox.list({ to: SECRETARY }).length > before, 10_000, 'the sign-in mail');
    const mailed = await stack.smtp.mailbox.read(stack.smtp.mailbox.list({ to: SECRETARY }).at(-1)!.id);
    expect(mailed.text).toMatch(/\/signin\/[^\s?]+\?next=%2F(\s|$)/);
  });

  test('a form posted after the session ended returns, once signed in again, to the page it was on', async () => {
    const answer = await fetch(`${stack.webUrl}/queue/confirm`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', referer: `${stack.webUrl}/queue?season=demo-2026` },
      body: 'report=demo-2026%2Fbureau-office',
    });
    expect({ status: answer.status, location: answer.headers.get('location') }).toEqual({
      status: 303,
      location: `/login?next=${encodeURIComponent('/queue?season=demo-2026')}`,
    });
  });

  test("a mailed link's page speaks the language of the person it was sent to, unless a language was chosen", async () => {
    const pageFor = async (email: string, cookie?: string) => {
      const answer = await fetch(`${stack.webUrl}/signin/${await links.issue(email)}?next=/`, { headers: cookie ? { cookie } : {} });
      return answer.text();
    };
    // The site's language here is English (SHUZHI_LOCALE=en); this secretary reads Chinese.
    expect(await pageFor(SECRETARY)).toContain('继续登录');
    expect(await pageFor('shuji.shixiao@school.example')).toContain('Continue signing in');
    expect(await pageFor(SECRETARY, 'shuzhi_lang=en')).toContain('Continue signing in');
  });

  test('the static folder serves its files and answers anything else with the not-found page', async () => {
    const script = await open('/static/app.js');
    expect({ status: script.status, type: script.headers.get('content-type') }).toEqual({ status: 200, type: expect.stringContaining('javascript') });
    // The icon the pages name, and where a browser asking for /favicon.ico is sent (no 404 per page).
    const icon = await open('/static/icon.svg');
    expect({ status: icon.status, type: icon.headers.get('content-type') }).toEqual({ status: 200, type: expect.stringContaining('image/svg+xml') });
    const favicon = await open('/favicon.ico');
    expect({ status: favicon.status, to: favicon.headers.get('location') }).toEqual({ status: 301, to: '/static/icon.svg' });
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', '..%2fserver.ts', '%2e%2e/%2e%2e/package.json', '.env', '']) {
      const answer = await open(`/static/${name}`);
      expect({ name, status: answer.status }).toEqual({ name, status: 404 });
      expect(answer.headers.get('content-type')).toContain('text/html');
    }
  });

  test('an address the router refuses (a 5,000-character ballot token, a malformed one) gets a page, not JSON', async () => {
    for (const [path, status] of [
      [`/ballot/${'a'.repeat(5000)}`, 404],
      ['/ballot/%E0%A4%A', 400],
    ] as const) {
      const answer = await open(path);
      expect({ path: path.slice(0, 20), status: answer.status, type: answer.headers.get('content-type') }).toEqual({
        path: path.slice(0, 20),
        status,
        type: expect.stringContaining('text/html'),
      });
    }
  });

  test('a ballot field named __proto__ is an unknown ballot, and the app serves the next signed-in page as before', async () => {
    const forged = await fetch(`${stack.webUrl}/ballot/made-up-token`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.webUrl },
      body: 'score:__proto__:ownOriginCheck=1&score:__proto__:polluted=2&grade:__proto__=%E5%A5%BD',
    });
    expect(forged.status).toBe(404);
    // Written onto every object, these fields broke each signed-in page (500), then the process.
    const page = await signedIn(SECRETARY);
    const answer = await page.goto(reportUrl(MIDDLE));
    expect(answer?.status()).toBe(200);
    expect((await open('/readyz')).status).toBe(200);
  });

  test('a 3,000,000-character paste is refused by autosave and save alike, in words, and nothing is stored', async () => {
    const page = await signedIn(SECRETARY);
    await page.goto(reportUrl(MIDDLE));
    const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
    /** As the editor's script posts: the page's session and token, asking for JSON. */
    const post = async (what: string, size = 3_000_000) => {
      const answer = await page.request.post(`${reportUrl(MIDDLE)}/${what}`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': csrf, accept: 'application/json', origin: stack.webUrl },
        data: `section-0=${'a'.repeat(size)}`,
      });
      return { status: answer.status(), json: (await answer.json()) as { saved: boolean; reason?: string } };
    };
    const versionsBefore = await stack.scratch.db.reportVersion.count({ where: { reportId: MIDDLE } });
    for (const what of ['autosave', 'draft']) {
      const answer = await post(what);
      expect({ what, status: answer.status, saved: answer.json.saved }).toEqual({ what, status: 409, saved: false });
      expect(answer.json.reason).toMatch(/100,?000|100000/);
    }
    // Past the web app's body limit the answer is a sentence too, not the framework's error.
    const huge = await post('autosave', 12 * 1024 * 1024);
    expect({ status: huge.status, saved: huge.json.saved, reason: huge.json.reason }).toEqual({
      status: 413,
      saved: false,
      reason: '提交的内容过大，未保存。请删减后重试。',
    });
    expect(await stack.scratch.db.reportVersion.count({ where: { reportId: MIDDLE } })).toBe(versionsBefore);
    const copy = await stack.scratch.db.$queryRawUnsafe<{ n: number }[]>('SELECT COUNT(*) AS n FROM "WorkingCopy" WHERE length("body") > 100000');
    expect(Number(copy[0]?.n)).toBe(0);
  });

  test("an editor open on a report handed to someone else says so when it saves, not 'sign in again'", async () => {
    const page = await signedIn(SECRETARY);
    await page.goto(reportUrl(MIDDLE));
    // Handed over while the page was open (as the admin's reassign leaves the record).
    await stack.scratch.db.report.update({ where: { id: MIDDLE }, data: { secretaryEmail: 'new.shuji@school.example' } });
    try {
      await page.fill('[data-testid="section-1"]', '学习不够深入，已制定整改措施。');
      await page.getByTestId('autosave').filter({ hasText: '已不由您办理' }).waitFor({ timeout: 30_000 });
      await expect(page.getByTestId('sign-in-again').isVisible()).resolves.toBe(false);
    } finally {
      await stack.scratch.db.report.update({ where: { id: MIDDLE }, data: { secretaryEmail: SECRETARY } });
    }
  });

  test('an expired link is refused', async () => {
    const expired = createSignInLinks(stack.scratch.db, TEST_SECRET, -1);
    const response = await open(`/signin/${await expired.issue(SECRETARY)}`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('This sign-in link has expired.');
  });

  test('a forged link is refused: a changed signature, a later expiry, or another key', async () => {
    const [id, expires, signature] = (await links.issue(SECRETARY)).split('.');
    const otherKey = createSignInLinks(stack.scratch.db, 'x'.repeat(40), HOUR);
    for (const token of [
      // The first character carries six whole bits of the signature; the last one partly padding,
      // so changing it could leave the signature as it was (the test failed so, now and then).
      `${id}.${expires}.${signature?.startsWith('A') ? 'B' : 'A'}${signature?.slice(1)}`,
      `${id}.${Number(expires) + HOUR}.${signature}`,
      await otherKey.issue(SECRETARY),
      'not-a-token',
    ]) {
      const response = await open(`/signin/${token}`);
      expect({ token, status: response.status }).toEqual({ token, status: 403 });
      expect(await response.text()).toContain('This sign-in link is not valid.');
    }
  });

  test("a secretary cannot open another branch's report by changing the URL", async () => {
    const page = await signedIn(SECRETARY);
    expect((await page.goto(reportUrl(MIDDLE)))?.status()).toBe(200);
    const other = await page.goto(reportUrl(OFFICE));
    expect(other?.status()).toBe(403);
    await screenshot(page, '10-forbidden');
    const queue = await page.goto(`${stack.webUrl}/seasons/demo-2026`);
    expect(queue?.status()).toBe(403);
  });

  test('a cross-site POST is refused and changes nothing; so is a same-site POST without the form token', async () => {
    const page = await signedIn(SECRETARY);
    const versionsBefore = await stack.scratch.db.reportVersion.count({ where: { reportId: MIDDLE } });
    // A page on another origin that posts a form to the app, as an attacker's site would.
    const attacker: Server = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(`<form id="f" method="post" action="${reportUrl(MIDDLE)}/submit">
        <input name="section-0" value="forged"><input name="acceptWarnings" value="yes"></form>
        <script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    try {
      const responded = page.waitForResponse((r) => r.url().endsWith('/submit'));
      await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
      expect((await responded).status()).toBe(403);
    } finally {
      attacker.close();
    }
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'shuzhi_session')?.value;
    const withoutToken = await fetch(`${reportUrl(MIDDLE)}/draft`, {
      method: 'POST',
      headers: { cookie: `shuzhi_session=${session}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'section-0=forged',
    });
    expect(withoutToken.status).toBe(403);
    expect(await stack.scratch.db.reportVersion.count({ where: { reportId: MIDDLE } })).toBe(versionsBefore);
    expect(await stack.scratch.db.report.findUniqueOrThrow({ where: { id: MIDDLE } })).toMatchObject({ state: 'assigned' });
  });

  test('a report containing <script> renders as text, for its writer and its reader', async () => {
    const writer = await signedIn('shuji.jiguan@bureau.example');
    await writer.goto(reportUrl(OFFICE));
    await writer.fill('[data-testid="section-0"]', '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">');
    await writer.click('[data-testid="save"]');
    await writer.locator('[data-testid="autosave"][data-version]').waitFor();
    await writer.reload();
    await expect(writer.inputValue('[data-testid="section-0"]')).resolves.toContain('<script>window.__pwned = 1</script>');
    await expect(writer.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();

    const reader = await signedIn(REVIEWER);
    await reader.goto(reportUrl(OFFICE));
    await expect(reader.locator('[data-testid="report-text"]').textContent()).resolves.toContain('<script>window.__pwned = 1</script>');
    await expect(reader.locator('[data-testid="report-text"] script, [data-testid="report-text"] img').count()).resolves.toBe(0);
    await expect(reader.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await screenshot(reader, '11-script-as-text');
  });
  test('every page carries the security headers; the pages run under their policy without a single violation', async () => {
    const page = await signedIn(REVIEWER);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    for (const path of [`/reports/${encodeURIComponent(MIDDLE)}`, '/seasons/demo-2026', '/queue', '/']) {
      const answer = await page.goto(`${stack.webUrl}${path}`);
      const headers = answer?.headers() ?? {};
      expect({ path, csp: headers['content-security-policy'] }).toEqual({ path, csp: expect.stringContaining("script-src 'self'") });
      expect(headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'cache-control': 'no-store' });
    }
    expect(violations).toEqual([]);
    const signInPage = await open('/login');
    expect(signInPage.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  test('after signing out, Back does not show the report again', async () => {
    const page = await signedIn(SECRETARY);
    await page.goto(reportUrl(MIDDLE));
    await page.locator('#editor').waitFor();
    await page.locator('form[action="/logout"] button').click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.goBack();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('#editor').count()).toBe(0);
  });

  /** Asks for a sign-in link as the form does. */
  const askForLink = (email: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.webUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: `email=${encodeURIComponent(email)}&next=/`,
    });

  test('asking for a link answers the same for a known and an unknown address; only the known one gets mail', async () => {
    const known = 'weiyuan.zhao@bureau.example';
    const before = stack.smtp.mailbox.list().length;
    const answers = await Promise.all([askForLink(known), askForLink('nobody.here@bureau.example')]);
    const [a, b] = await Promise.all(
      answers.map(async (answer) => ({ status: answer.status, body: (await answer.text()).replace(/name="_csrf" value="[^"]*"/, '') })),
    );
    expect(a).toEqual(b);
    await waitUntil(async () => stack.smtp.mailbox.list().length > before, 10_000, 'the sign-in mail');
    expect(
      stack.smtp.mailbox
        .list()
        .slice(before)
        .flatMap((mail) => mail.to),
    ).toEqual([known]);
  });

  test('a newer link the person asked for retires the older one, which then says so', async () => {
    const email = 'weiyuan.qian@bureau.example';
    const linkAfter = async (since: number) => {
      await waitUntil(async () => stack.smtp.mailbox.list({ to: email }).length > since, 10_000, 'the sign-in mail');
      const mail = await stack.smtp.mailbox.read(stack.smtp.mailbox.list({ to: email }).at(-1)!.id);
      return /https?:\/\/\S+\/signin\/\S+/.exec(mail.text)![0];
    };
    let since = stack.smtp.mailbox.list({ to: email }).length;
    await askForLink(email);
    const older = await linkAfter(since);
    since = stack.smtp.mailbox.list({ to: email }).length;
    await askForLink(email);
    const newer = await linkAfter(since);
    const opened = await fetch(older);
    expect(opened.status).toBe(403);
    expect(await opened.text()).toContain('A newer sign-in link was sent since');
    expect((await fetch(newer)).status).toBe(200);
  });

  test('a flood of asks is stopped: five a quarter-hour per address, then a sentence, and no more mail', async () => {
    const email = 'dangzu.shuji@bureau.example';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await askForLink(email)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await askForLink(email, { accept: 'application/json' });
    expect({ status: refused.status, body: await refused.json() }).toEqual({
      status: 429,
      body: { saved: false, reason: expect.stringContaining('try again in a quarter of an hour') },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(stack.smtp.mailbox.list({ to: email }).filter((mail) => mail.subject.includes('登录') || /sign.in/i.test(mail.subject))).toHaveLength(5);
  });
});
