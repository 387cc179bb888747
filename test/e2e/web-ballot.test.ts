// 民主测评 on the real stack, as the meeting's people do it: the admin schedules the meeting from a
// file (CLI), a committee member opens the mailed ballot, twelve representatives cast theirs from
// phones (390 px), Back after casting shows the ballot spent, the admin closes the vote, a late
// ballot is refused, and the results count every ballot once.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MeetingStatus } from '../../app/evaluation-meeting';
import { RATINGS } from '../../domain/vocabulary';
import { checkPage } from '../helpers/axe';
import { launchChromium, screenshot } from '../helpers/browser';
import { signInFresh } from '../helpers/browser-sign-in';
import { issueApiToken } from '../../app/api-tokens';
import { runCli } from '../helpers/cli';
import { GOOD_REPORT } from '../helpers/report-harness';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { waitUntil } from '../helpers/wait';

const ADMIN = 'zuzhi@bureau.example';
const COMMITTEE = ['dangzu.shuji@bureau.example', 'weiyuan.qian@bureau.example'];
const SECRETARIES = {
  'bureau-office': 'shuji.jiguan@bureau.example',
  'no1-middle-school': 'shuji.yizhong@school.example',
  'experimental-primary': 'shuji.shixiao@school.example',
} as const;

describe('an evaluation meeting in the browser', () => {
  let stack: RealStack;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  let handedOut: { ballotId: string; link: string }[] = [];
  let office: BrowserContext;
  let admin: Page;

  const cli = async (args: string[]) => {
    const result = await runCli(args, stack.cliEnv);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const ballotMail = async (to: string) => {
    const [mail] = stack.smtp.mailbox.list({ to }).filter((m) => m.subject.includes('Evaluation') || m.subject.includes('民主测评'));
    return mail ? stack.smtp.mailbox.read(mail.id) : undefined;
  };
  /** Chooses a grade for every reporter on the open ballot, the i-th grade for the i-th reporter turned by `shift`. */
  const fillIn = async (shift: number) => {
    const boxes = page.locator('form.ballot fieldset');
    const count = await boxes.count();
    for (let i = 0; i < count; i++)
      await boxes
        .nth(i)
        .locator('input[type="radio"]')
        .nth((i + shift) % RATINGS.length)
        .check();
  };

  beforeAll(async () => {
    stack = await startRealStack('ballot');
    stack.startWorker();
    await stack.startWeb();
    await cli(['season', 'create', '--file', DEMO_SEASON_FILE]);
    await cli(['season', 'start', 'demo-2026', '--wait']);
    // Every report approved 好 by leadership before the meeting, as the final grade needs.
    const report = join(stack.dir, 'report.md');
    writeFileSync(report, GOOD_REPORT);
    for (const [branch, email] of Object.entries(SECRETARIES)) {
      await cli(['report', 'submit', `demo-2026/${branch}`, '--file', report, '--as', email]);
      await cli(['report', 'review', `demo-2026/${branch}`, '--approve', '--as', ADMIN]);
    }
    await cli(['season', 'approve', 'demo-2026', '--all-reviewed', '--rating', '好', '--as', COMMITTEE[0] as string]);
    const closesAt = new Date(Date.now() + 86_400_000).toISOString();
    const file = join(stack.dir, 'meeting.yaml');
    writeFileSync(
      file,
      [
        'season: demo-2026',
        'id: annual',
        'title: 2026年度述职评议大会',
        `closesAt: ${closesAt}`,
        'groups:',
        `  - {id: committee, name: 党组成员, weight: 60, evaluators: [${COMMITTEE.join(', ')}]}`,
        '  - {id: representatives, name: 党代表, weight: 40, ballots: 12}',
        '  - {id: masses, name: 群众代表, weight: 10, ballots: 2}',
      ].join('\n'),
    );
    // What it prints says how to list the anonymous ballots, as a command that runs as written.
    expect(await cli(['meeting', 'schedule', file, '--as', ADMIN])).toContain('shuzhi meeting ballots demo-2026 annual --as');
    const slips = JSON.parse(await cli(['meeting', 'ballots', 'demo-2026', 'annual', '--as', ADMIN, '--json'])) as ((typeof handedOut)[number] & {
      groupId: string;
    })[];
    handedOut = slips.filter((slip) => slip.groupId === 'representatives');
    browser = await launchChromium();
    phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    // The stack speaks English by default (SHUZHI_LOCALE=en); these phones are set to Chinese.
    await phone.addCookies([{ name: 'shuzhi_lang', value: 'zh-CN', url: stack.webUrl }]);
    page = await phone.newPage();
    office = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    await office.addCookies([{ name: 'shuzhi_lang', value: 'zh-CN', url: stack.webUrl }]);
    admin = await signInFresh(stack, office, ADMIN);
  });
  afterAll(async () => {
    await office?.close();
    await phone?.close();
    await browser?.close();
    await stack?.stop();
  });

  test('each committee member is mailed a ballot link of their own, which signs nobody in, and casts it', async () => {
    await waitUntil(async () => !!(await ballotMail(COMMITTEE[1] as string)), 30_000, 'the ballot mails');
    const mail = await ballotMail(COMMITTEE[0] as string);
    const link = /https?:\/\/\S+\/ballot\/\S+/.exec(mail?.text ?? '')?.[0] ?? '';
    expect(link).toContain('/ballot/');
    await page.goto(link);
    await expect(page.locator('form.ballot fieldset').count()).resolves.toBe(3);
    await expect(page.locator('header .who').count()).resolves.toBe(0);
    await screenshot(page, 'ballot-phone');
    // axe finds nothing serious at 1280 and 390 px, and the ballot fits a 360 px phone.
    await expect(checkPage(page, 'ballot')).resolves.toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await fillIn(0);
    await page.getByTestId('cast').click();
    await expect(page.getByTestId('message').innerText()).resolves.toContain('已投出');
    // Opened again from the mail, the ballot is spent, though the record never marks whose it was.
    await page.goto(link);
    await expect(page.getByTestId('message').innerText()).resolves.toContain('这张选票已经投过');
    await expect(page.locator('form.ballot').count()).resolves.toBe(0);
    expect(await stack.scratch.db.evaluationBallot.count({ where: { recipientEmail: { not: null }, status: { not: 'issued' } } })).toBe(0);
    expect(handedOut).toHaveLength(12);
  });

  test("the admin's meeting page, for the screen, shows the count and each group's code; the slips print from a page of their own", async () => {
    await admin.goto(`${stack.webUrl}/seasons/demo-2026`);
    await admin.locator('[data-testid="meetings"] a').click();
    // A projected slip is a ballot anyone in the room can photograph: none on the screen's page.
    await expect(admin.getByTestId('ballot-slip').count()).resolves.toBe(0);
    await expect(admin.getByTestId('ballot-batch').count()).resolves.toBe(2);
    await expect(admin.locator('[data-count="cast"]').innerText()).resolves.toBe('1');
    await expect(checkPage(admin, 'meeting')).resolves.toEqual([]);
    const meetingUrl = admin.url();
    await admin.getByTestId('slips-link').click();
    const groups = await admin.getByTestId('ballot-slip').evaluateAll((slips) => slips.map((slip) => slip.getAttribute('data-group')));
    expect(groups).toHaveLength(14);
    // By group, in the meeting's order: the two groups' slips are not interleaved on the sheet.
    expect(groups.join(',').replace(/(\w+)(,\1)*/g, '$1')).toBe(groups.filter((g, i) => groups.indexOf(g) === i).join(','));
    // One press of 结束投票 on the screen asks first; 取消 leaves the vote open.
    await admin.goto(meetingUrl);
    await admin.getByTestId('close-meeting').click();
    await expect(admin.getByTestId('confirmation').innerText()).resolves.toContain('不能撤销');
    await admin.getByTestId('cancel').click();
    await expect(admin.getByTestId('close-meeting').count()).resolves.toBe(1);
    const status = JSON.parse(await cli(['meeting', 'status', 'demo-2026', 'annual', '--json'])) as MeetingStatus;
    expect(status.count.closed).toBe(false);
  });

  test("a phone scanning a group's QR code on the screen takes one ballot, the same one on a second scan; when none is left, it says so", async () => {
    const masses = await admin.locator('[data-testid="ballot-batch"]').filter({ hasText: '群众代表' }).getAttribute('data-link');
    expect(masses).toContain('/ballot-batch/');
    const phones = await Promise.all([1, 2, 3].map(() => browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true })));
    const taken: string[] = [];
    for (const context of phones.slice(0, 2)) {
      const scan = await context.newPage();
      await scan.goto(masses ?? '');
      taken.push(new URL(scan.url()).pathname);
      await expect(scan.locator('form.ballot fieldset').count()).resolves.toBe(3);
      await scan.goto(masses ?? '');
      expect(new URL(scan.url()).pathname).toBe(taken.at(-1));
    }
    expect(taken[0]).not.toBe(taken[1]);
    const third = await (phones[2] as BrowserContext).newPage();
    const none = await third.goto(masses ?? '');
    expect(none?.status()).toBe(410);
    await expect(third.getByTestId('message').innerText()).resolves.toContain('all been handed out');
    for (const context of phones) await context.close();
  });

  test('twelve representatives cast their ballots from phones; Back after casting shows the ballot spent', async () => {
    for (const [i, ballot] of handedOut.entries()) {
      await page.goto(ballot.link);
      await fillIn(i % 3);
      await page.getByTestId('cast').click();
      await expect(page.getByTestId('message').innerText()).resolves.toContain('已投出');
      if (i === 0) {
        await screenshot(page, 'ballot-cast-phone');
        // The thanks is a page of its own: reloading it sends nothing again.
        expect((await page.reload())?.status()).toBe(200);
        await expect(page.getByTestId('message').innerText()).resolves.toContain('已投出');
        await page.goBack();
        await expect(page.getByTestId('message').innerText()).resolves.toContain('已经投过');
      }
    }
    const status = JSON.parse(await cli(['meeting', 'status', 'demo-2026', 'annual', '--json'])) as MeetingStatus;
    expect(status.count).toMatchObject({ issued: 16, cast: 13, void: 0, closed: false });
  });

  test('a ballot sent without a grade for everyone is asked again, nothing cast', async () => {
    const mail = await ballotMail(COMMITTEE[1] as string);
    const link = /https?:\/\/\S+\/ballot\/\S+/.exec(mail?.text ?? '')?.[0] ?? '';
    const response = await page.request.post(link, { form: {} });
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain('请至少为一位述职人选择评价等次');
    // Tampered: a score for a reporter left without a grade is asked again, the score kept.
    const scoreAlone = await page.request.post(link, {
      form: { 'grade:demo-2026/no1-middle-school': '好', 'grade:demo-2026/experimental-primary': '好', 'score:demo-2026/bureau-office:duty': '7' },
    });
    expect(scoreAlone.status()).toBe(400);
    const asked = await scoreAlone.text();
    expect(asked).toContain('打分的述职人也须选择评价等次');
    expect(asked).toMatch(/name="score:demo-2026\/bureau-office:duty"[^>]*value="7"/);
  });

  test('in a browser signed in to Shuzhi, a ballot with a score out of range is asked again with the grades chosen kept', async () => {
    // The admin's browser: signed in, so its requests carry a session; the ballot needs none.
    const mail = await ballotMail(COMMITTEE[1] as string);
    const link = /https?:\/\/\S+\/ballot\/\S+/.exec(mail?.text ?? '')?.[0] ?? '';
    const ballot = await office.newPage();
    await ballot.goto(link);
    const boxes = ballot.locator('form.ballot fieldset');
    for (let i = 0; i < 3; i++) await boxes.nth(i).locator('input[type="radio"]').nth(i).check();
    // Past the browser's own check, as a tampered page would send it.
    const score = ballot.locator('form.ballot input[type="number"]').first();
    await score.evaluate((input) => input.removeAttribute('max'));
    await score.fill('1000');
    const answer = ballot.waitForResponse((response) => response.request().method() === 'POST');
    await ballot.getByTestId('cast').click();
    expect((await answer).status()).toBe(400);
    await expect(ballot.getByTestId('message').innerText()).resolves.toContain('评分');
    const checked = await Promise.all([0, 1, 2].map((i) => boxes.nth(i).locator('input[type="radio"]').nth(i).isChecked()));
    expect(checked).toEqual([true, true, true]);
    await expect(score.inputValue()).resolves.toBe('1000');
    await ballot.close();
  });

  test('the admin closes the vote; a late ballot is refused; the results count each ballot once', async () => {
    await cli(['meeting', 'close', 'demo-2026', 'annual', '--as', ADMIN]);
    const mail = await ballotMail(COMMITTEE[1] as string);
    const link = /https?:\/\/\S+\/ballot\/\S+/.exec(mail?.text ?? '')?.[0] ?? '';
    const late = await page.goto(link);
    expect(late?.status()).toBe(410);
    await expect(page.getByTestId('message').innerText()).resolves.toContain('测评已结束');
    const status = JSON.parse(await cli(['meeting', 'status', 'demo-2026', 'annual', '--json'])) as MeetingStatus;
    expect(status.tally).toMatchObject({ issued: 16, cast: 13, void: 0 });
    for (const reporter of status.tally?.reporters ?? []) {
      expect(reporter.total.votes).toBe(13);
      expect(reporter.groups.find((g) => g.groupId === 'representatives')?.votes).toBe(12);
    }
    const table = await cli(['meeting', 'status', 'demo-2026', 'annual']);
    expect(table).toContain('weighted score');
    await admin.goto(`${stack.webUrl}/seasons/demo-2026/meetings/annual`);
    await expect(admin.locator('[data-testid="meeting-results"] tr[data-report]').count()).resolves.toBe(3);
    await expect(admin.getByTestId('ballot-slip').count()).resolves.toBe(0);
    await screenshot(admin, 'meeting-results');
  });

  test("the final grades follow the season's rule from the vote and leadership's 好, and reach the export", async () => {
    await admin.getByTestId('grade-meeting').click();
    await admin.getByTestId('meeting-results').waitFor();
    // bureau office: 好 5, 较好 4, 一般 4 of 13: 好+较好 69.2 % (rule 3, 较好); the others stay under every rule (一般).
    await expect(admin.getByTestId('final-grade').allInnerTexts()).resolves.toEqual(['较好', '一般', '一般']);
    await screenshot(admin, 'meeting-final-grades');
    const csv = join(stack.dir, 'season.csv');
    await cli(['season', 'export', 'demo-2026', '--format', 'csv', '--out', csv]);
    const text = readFileSync(csv, 'utf8');
    expect(text).toContain('综合评价,评定依据');
    expect(text).toContain('好+较好票占 69.2%（>= 60%）（第 3 条；测评票 好 5、较好 4、一般 4、差 0）');
    // Grading again records nothing twice.
    await cli(['meeting', 'grade', 'demo-2026', 'annual', '--as', ADMIN]);
    expect(await stack.scratch.db.auditEvent.count({ where: { action: 'report.final_graded' } })).toBe(3);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(handedOut[0]?.link ?? '');
    await screenshot(page, 'ballot-spent-desktop');
  });

  test("the API schedules, voids, closes and reads a meeting for the season's admins only", async () => {
    const { token } = await issueApiToken(stack.scratch.db, ADMIN, 'meetings', 30);
    const { token: secretaryToken } = await issueApiToken(stack.scratch.db, 'shuji.yizhong@school.example', 'mine', 30);
    const api = (path: string, body?: unknown, bearer = token) =>
      fetch(`${stack.webUrl}/api/v1${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const meeting = {
      id: 'by-api',
      title: '补充测评',
      closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      reporters: ['no1-middle-school'],
      groups: [{ id: 'masses', name: '群众代表', weight: 100, ballots: 2 }],
    };
    const zero = await api('/seasons/demo-2026/meetings', { ...meeting, groups: [{ ...meeting.groups[0], weight: 0 }] });
    expect(zero.status).toBe(400);
    expect(JSON.stringify(await zero.json())).toContain('groups[0].weight');
    expect((await api('/seasons/demo-2026/meetings', meeting, secretaryToken)).status).toBe(403);
    expect((await api('/seasons/demo-2026/meetings', meeting)).status).toBe(201);
    expect((await api('/seasons/demo-2026/meetings', meeting)).status).toBe(200);
    const { ballots } = (await (await api('/seasons/demo-2026/meetings/by-api/ballots')).json()) as { ballots: { ballotId: string }[] };
    expect(ballots).toHaveLength(2);
    const voided = await api(`/seasons/demo-2026/meetings/by-api/ballots/${ballots[0]?.ballotId}/void`, { reason: '多发' });
    expect(await voided.json()).toMatchObject({ void: 1, cast: 0 });
    expect(await (await api('/seasons/demo-2026/meetings/by-api/close', {})).json()).toMatchObject({ closed: true, void: 1 });
    const closedAgain = await api('/seasons/demo-2026/meetings/by-api/close', {});
    expect(closedAgain.status).toBe(409);
    const status = (await (await api('/seasons/demo-2026/meetings/by-api')).json()) as MeetingStatus;
    expect(status.tally).toMatchObject({ issued: 2, cast: 0, void: 1 });
  });
});
