// Scheduling a 民主测评 meeting from the season's dashboard, in Chromium, as an admin would: a
// group given both ballots and emails is named by its label on the form, with everything entered
// kept; a closing time already past is refused the same way; corrected, the meeting is scheduled
// with the reporters ticked, its page shows the anonymous ballots, and each named evaluator is
// mailed a ballot.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkPage } from '../helpers/axe';
import { launchChromium, screenshot } from '../helpers/browser';
import { signInFresh } from '../helpers/browser-sign-in';
import { runCli } from '../helpers/cli';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { waitUntil } from '../helpers/wait';

const ADMIN = 'zuzhi@bureau.example';
const COMMITTEE = ['dangzu.shuji@bureau.example', 'weiyuan.qian@bureau.example'];

describe('scheduling an evaluation meeting from the dashboard', () => {
  let stack: RealStack;
  let browser: Browser;
  let office: BrowserContext;
  let admin: Page;

  const cli = async (args: string[]) => {
    const result = await runCli(args, stack.cliEnv);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  /** The meeting's closing time as the form takes it, once scheduled. */
  let local = '';
  const group = (i: number, field: string) => admin.locator(`[name="group-${field}-${i}"]`);
  /** Sends the form as pressed (its script sends it) and gives the status of the answer. */
  const send = async () => {
    const answer = admin.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith('/meetings'));
    await admin.getByTestId('schedule-meeting').click();
    return (await answer).status();
  };
  /** What the form says is wrong, above it. */
  const problems = async () => {
    await admin.getByTestId('kept-form-note').waitFor();
    return admin.getByTestId('kept-form-note').innerText();
  };

  beforeAll(async () => {
    stack = await startRealStack('meeting-form');
    stack.startWorker();
    await stack.startWeb();
    await cli(['season', 'create', '--file', DEMO_SEASON_FILE]);
    await cli(['season', 'start', 'demo-2026', '--wait']);
    browser = await launchChromium();
    office = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    await office.addCookies([{ name: 'shuzhi_lang', value: 'zh-CN', url: stack.webUrl }]);
    admin = await signInFresh(stack, office, ADMIN);
  });
  afterAll(async () => {
    await office?.close();
    await browser?.close();
    await stack?.stop();
  });

  test('the form opens from the dashboard with every reporter ticked, and reads at 1280 and 390 px', async () => {
    await admin.goto(`${stack.webUrl}/seasons/demo-2026`);
    await admin.getByTestId('schedule-meeting-link').click();
    await expect(admin.locator('input[name="reporter"]:checked').count()).resolves.toBe(3);
    await expect(checkPage(admin, 'meeting-form')).resolves.toEqual([]);
  });

  test('a group with both ballots and emails is named by its label, and nothing entered is lost', async () => {
    await fillTheMeeting('2026-12-30T17:00');
    await group(0, 'ballots').fill('2');
    expect(await send()).toBe(400);
    await expect(problems()).resolves.toContain('评议组 1：每个评议组写 evaluators（具名发送选票的人员邮箱）或 ballots（匿名选票张数），二者选一。');
    await expect(admin.getByTestId('meeting-title').inputValue()).resolves.toBe('2026年度述职评议大会');
    await expect(group(0, 'evaluators').inputValue()).resolves.toBe(COMMITTEE.join('\n'));
    await expect(admin.locator('input[name="reporter"]:checked').count()).resolves.toBe(2);
    await screenshot(admin, 'meeting-form-problem');
    expect(await stack.scratch.db.evaluationMeeting.count()).toBe(0);
  });

  test('a closing time already past is refused on the form; corrected, the meeting is scheduled and its ballots go out', async () => {
    await group(0, 'ballots').fill('');
    await admin.getByTestId('meeting-closes-at').fill('2020-12-30T17:00');
    expect(await send()).toBe(409);
    await expect(problems()).resolves.toMatch(/^投票截止时间：截止时间 \S+ 已过，请写一个将来的时间/);
    expect(await stack.scratch.db.evaluationMeeting.count()).toBe(0);

    const closes = new Date(Date.now() + 86_400_000);
    local = new Date(closes.getTime() + 8 * 3_600_000).toISOString().slice(0, 16); // Asia/Shanghai, the demo's zone
    await admin.getByTestId('meeting-closes-at').fill(local);
    await admin.getByTestId('schedule-meeting').click();
    await admin.waitForURL(/\/seasons\/demo-2026\/meetings\/m-[0-9a-f]{10}$/);
    await expect(admin.getByTestId('slips-link').innerText()).resolves.toContain('（6）');
    const meeting = await stack.scratch.db.evaluationMeeting.findFirstOrThrow();
    expect({ title: meeting.title, reporters: (JSON.parse(meeting.reportersJson) as { reportId: string }[]).map((r) => r.reportId) }).toEqual({
      title: '2026年度述职评议大会',
      reporters: ['demo-2026/bureau-office', 'demo-2026/no1-middle-school'],
    });
    expect(Math.abs(meeting.closesAt.getTime() - closes.getTime())).toBeLessThan(60_000);
    for (const to of COMMITTEE) {
      await waitUntil(() => stack.smtp.mailbox.list({ to }).some((m) => /民主测评|Evaluation/.test(m.subject)), 30_000, `the ballot mail to ${to}`);
    }
    await admin.goto(`${stack.webUrl}/seasons/demo-2026`);
    await expect(admin.getByTestId('meetings').innerText()).resolves.toContain('2026年度述职评议大会');
  });

  /** Fills the form on the page as the meeting is sent, closing at `closesAt`. */
  async function fillTheMeeting(closesAt: string) {
    await admin.getByTestId('meeting-title').fill('2026年度述职评议大会');
    await admin.getByTestId('meeting-closes-at').fill(closesAt);
    await admin.locator('input[name="reporter"][value="experimental-primary"]').uncheck();
    await group(0, 'name').fill('党组成员');
    await group(0, 'weight').fill('60');
    await group(0, 'evaluators').fill(COMMITTEE.join('\n'));
    await group(1, 'name').fill('党代表');
    await group(1, 'weight').fill('40');
    await group(1, 'ballots').fill('6');
  }

  test('the same meeting sent again from a fresh form (Back, then send) is the one already scheduled', async () => {
    const before = { meetings: await stack.scratch.db.evaluationMeeting.count(), ballots: await stack.scratch.db.evaluationBallot.count() };
    await admin.goto(`${stack.webUrl}/seasons/demo-2026/meetings`);
    await fillTheMeeting(local);
    await admin.getByTestId('schedule-meeting').click();
    await admin.waitForURL(/\/meetings\/m-[0-9a-f]{10}$/);
    const meeting = await stack.scratch.db.evaluationMeeting.findFirstOrThrow();
    expect(new URL(admin.url()).pathname).toBe(`/seasons/demo-2026/meetings/${meeting.meetingId}`);
    expect({ meetings: await stack.scratch.db.evaluationMeeting.count(), ballots: await stack.scratch.db.evaluationBallot.count() }).toEqual(before);
  });

  test('a session that ends while the admin fills the form loses nothing: the dialog, and the form as filled', async () => {
    await admin.goto(`${stack.webUrl}/seasons/demo-2026/meetings`);
    await fillTheMeeting(local);
    await admin.getByTestId('meeting-title').fill('第二次测评');
    await stack.scratch.db.webSession.updateMany({ where: { email: ADMIN }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await admin.getByTestId('schedule-meeting').click();
    await admin.getByTestId('sign-in-again').waitFor();
    expect(new URL(admin.url()).pathname).toBe('/seasons/demo-2026/meetings');
    await expect(admin.getByTestId('meeting-title').inputValue()).resolves.toBe('第二次测评');
    expect(await stack.scratch.db.evaluationMeeting.count()).toBe(1);
    // Signed in again, the form comes back as it was filled, boxes ticked as they were.
    admin = await signInFresh(stack, office, ADMIN);
    await admin.goto(`${stack.webUrl}/seasons/demo-2026/meetings`);
    await expect(admin.getByTestId('meeting-title').inputValue()).resolves.toBe('第二次测评');
    await expect(group(0, 'evaluators').inputValue()).resolves.toBe(COMMITTEE.join('\n'));
    await expect(admin.locator('input[name="reporter"]:checked').count()).resolves.toBe(2);
  });

  test('text this browser kept over a month ago is let go on the next page, whatever its form; what was kept lately stays', async () => {
    // An item's progress never sent, its item since accepted elsewhere: its form never shows again.
    const stale = `shuzhi:unsaved:progress:demo-2026/no1-middle-school/1:${ADMIN}`;
    const MONTH = 31 * 86_400_000;
    const keep = (key: string, value: string) => admin.evaluate(`window.localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(value)})`);
    await keep(stale, JSON.stringify({ at: Date.now() - MONTH, fields: { text: '旧的整改进展' } }));
    await keep(`shuzhi:unsaved:broken:${ADMIN}`, '{not json');
    await admin.goto(`${stack.webUrl}/seasons/demo-2026`);
    const kept = await admin.evaluate<string[]>(`Object.keys(window.localStorage).filter((key) => key.startsWith('shuzhi:unsaved:'))`);
    expect(kept).toEqual([`shuzhi:unsaved:meeting:demo-2026:${ADMIN}`]);
  });
});
