// The API on the real stack, as a program would use it: a secretary makes a token on the /tokens
// page, writes and submits through the API (recorded as channel api, under her address), and is
// refused once she revokes it; a reviewer's token passes the review, a leader's approves in bulk;
// another secretary's token neither sees the report nor reviews.
import { createHash } from 'node:crypto';
import { GOOD_REPORT } from '../helpers/report-harness';
import { DEMO, demoSeasonWithReviewer } from '../helpers/seasons';
import { startSeasonOnStack } from '../helpers/season-on-stack';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { openSession, SESSION_COOKIE } from '../../web/sessions';

const { middle: MIDDLE, primary: PRIMARY, secretary: SECRETARY, otherSecretary: OTHER_SECRETARY, reviewer: REVIEWER, leader: LEADER } = DEMO;

describe('the API by personal token', () => {
  let stack: RealStack;

  beforeAll(async () => {
    stack = await startRealStack('api');
    stack.startWorker();
    await stack.startWeb();
    await startSeasonOnStack(stack, demoSeasonWithReviewer());
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** A form post from a signed-in person's browser, with the session's CSRF token. */
  async function formPost(email: string, path: string, form: Record<string, string>) {
    const session = await openSession(stack.scratch.db, email);
    const body = new URLSearchParams({ ...form, _csrf: session.csrfToken });
    return fetch(`${stack.webUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `${SESSION_COOKIE}=${session.id}; shuzhi_lang=en`, 'content-type': 'application/x-www-form-urlencoded', origin: stack.webUrl },
      body,
    });
  }

  /** A token made on the /tokens page, read from the page that shows it once. */
  async function tokenFor(email: string, name = 'script'): Promise<string> {
    const answer = await formPost(email, '/tokens', { name, days: '30' });
    expect(answer.status).toBe(201);
    const token = /data-testid="new-token">(shz_[^<]+)</.exec(await answer.text())?.[1];
    if (!token) throw new Error('no token on the page');
    return token;
  }

  const api = (token: string, path: string, body?: unknown) =>
    fetch(`${stack.webUrl}/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const report = (id: string) => `/reports/${encodeURIComponent(id)}`;
  const state = async (id: string = MIDDLE) => (await stack.scratch.db.report.findUniqueOrThrow({ where: { id } })).state;

  let secretaryToken = '';

  test('a secretary makes a token on the page: the secret is shown once, only its hash is kept', async () => {
    secretaryToken = await tokenFor(SECRETARY);
    const [, id, secret] = /^shz_([0-9a-f]+)_(.+)$/.exec(secretaryToken) ?? [];
    const row = await stack.scratch.db.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.personEmail).toBe(SECRETARY);
    expect(row.secretHash).toBe(
      createHash('sha256')
        .update(secret ?? '')
        .digest('hex'),
    );
    expect(JSON.stringify(row)).not.toContain(secret);
    // The list shows the token by name, never its secret.
    const session = await openSession(stack.scratch.db, SECRETARY);
    const list = await (await fetch(`${stack.webUrl}/tokens`, { headers: { cookie: `${SESSION_COOKIE}=${session.id}` } })).text();
    expect(list).toContain(`data-token="${id}"`);
    expect(list).not.toContain(secret);
  });

  test('she reads her report, saves a draft and submits through the API, recorded as channel api', async () => {
    const me = await api(secretaryToken, '/me');
    expect(await me.json()).toMatchObject({ email: SECRETARY });
    const listed = (await (await api(secretaryToken, '/reports')).json()) as { reports: { id: string }[] };
    expect(listed.reports.map((r) => r.id)).toEqual([MIDDLE]);
    const read = await api(secretaryToken, report(MIDDLE));
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: MIDDLE, state: 'assigned', latestText: null });

    const draft = await api(secretaryToken, `${report(MIDDLE)}/draft`, { text: GOOD_REPORT });
    expect(draft.status).toBe(200);
    expect(await draft.json()).toEqual({ versionNumber: 1 });
    const submitted = await api(secretaryToken, `${report(MIDDLE)}/submit`, { text: GOOD_REPORT, acceptWarnings: true });
    expect(submitted.status).toBe(200);
    expect(await state()).toBe('submitted');
    const acts = await stack.scratch.db.auditEvent.findMany({
      where: { reportId: MIDDLE, action: { in: ['report.draft_saved', 'report.submitted'] } },
      select: { action: true, actorEmail: true, channel: true },
      orderBy: { id: 'asc' },
    });
    expect(acts).toEqual([
      { action: 'report.draft_saved', actorEmail: SECRETARY, channel: 'api' },
      { action: 'report.submitted', actorEmail: SECRETARY, channel: 'api' },
    ]);
    const row = await stack.scratch.db.apiToken.findFirstOrThrow({ where: { personEmail: SECRETARY } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  test("another secretary's token finds no such report, and is refused a review", async () => {
    const other = await tokenFor(OTHER_SECRETARY);
    const read = await api(other, report(MIDDLE));
    expect(read.status).toBe(404);
    expect(((await read.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await api(other, `${report(MIDDLE)}/review`, { decision: 'approve' })).status).toBe(404);
    // Her own report she may see, but reviewing it is not hers.
    const review = await api(other, `${report(PRIMARY)}/review`, { decision: 'request_revision', comment: '请补充' });
    expect(review.status).toBe(403);
    expect(await review.json()).toMatchObject({ error: { code: expect.any(String), message: { 'zh-CN': expect.any(String), en: expect.any(String) } } });
    expect(await state()).toBe('submitted');
  });

  test("the reviewer's token passes the review", async () => {
    const passed = await api(await tokenFor(REVIEWER), `${report(MIDDLE)}/review`, { decision: 'approve', comment: '同意' });
    expect(passed.status).toBe(200);
    expect(await passed.json()).toEqual({ state: 'reviewed' });
    const act = await stack.scratch.db.auditEvent.findFirstOrThrow({
      where: { reportId: MIDDLE, action: 'report.review_passed' },
      select: { actorEmail: true, channel: true },
    });
    expect(act).toEqual({ actorEmail: REVIEWER, channel: 'api' });
  });

  test("a leader's token approves in bulk, with a result for each report", async () => {
    const answer = await api(await tokenFor(LEADER), '/approvals', {
      items: [
        { reportId: MIDDLE, rating: '好' },
        { reportId: PRIMARY, rating: '较好' },
        { reportId: 'other-season/nowhere', rating: '好' },
      ],
      comment: '同意',
    });
    expect(answer.status).toBe(200);
    const { results } = (await answer.json()) as { results: { reportId: string; outcome: string }[] };
    const outcomes = Object.fromEntries(results.map((r) => [r.reportId, r.outcome]));
    expect(outcomes[MIDDLE]).toBe('approved');
    expect(outcomes[PRIMARY]).not.toBe('approved');
    expect(outcomes['other-season/nowhere']).toBe('not_permitted');
    expect(await state()).toBe('approved');
    expect(await state(PRIMARY)).toBe('assigned');
  });

  test('a revoked or expired token is refused with 401', async () => {
    const id = /^shz_([0-9a-f]+)_/.exec(secretaryToken)?.[1] ?? '';
    expect((await formPost(SECRETARY, `/tokens/${id}/revoke`, {})).status).toBe(303);
    const revoked = await api(secretaryToken, '/me');
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('revoked');

    const expiring = await tokenFor(SECRETARY, 'short');
    await stack.scratch.db.apiToken.updateMany({ where: { id: /^shz_([0-9a-f]+)_/.exec(expiring)?.[1] }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await api(expiring, '/me');
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('expired');
  });

  test("the season's admin alone reads its status and export", async () => {
    const admin = await tokenFor('zuzhi@bureau.example');
    const status = await api(admin, '/seasons/demo-2026/status');
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ seasonId: 'demo-2026', branches: 3 });
    const csv = await api(admin, '/seasons/demo-2026/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await api(await tokenFor(LEADER, 'leader'), '/seasons/demo-2026/status')).status).toBe(403);
  });
});
