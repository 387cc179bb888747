// Personal API tokens without Temporal: the OpenAPI document validates (by the OpenAPI schema), and the API answers 401
// JSON for a missing, malformed, unknown, expired or revoked token, and for a cookie alone.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { issueApiToken, listApiTokens, revokeApiToken } from '../../app/api-tokens';
import { importSeason } from '../../db/season-import';
import { openSession, SESSION_COOKIE } from '../../web/sessions';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';
import { startWebAlone } from '../helpers/web-alone';

const SECRETARY = 'shuji.yizhong@school.example';
const ADMIN = 'zuzhi@bureau.example';

describeEachDatabase('API tokens', (kind) => {
  let port = 0;
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    scratch = await kind.create();
    await importSeason(scratch.db, demoSeason(), { email: ADMIN, channel: 'system' }, TEST_AUDIT_KEY);
    // Reading needs no Temporal, mail or sign-in link; the record's key brings the meeting and rectification endpoints.
    ({ app, port } = await startWebAlone(scratch.db, { auditKey: TEST_AUDIT_KEY }));
  });
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });

  const call = (path: string, headers: Record<string, string> = {}, body?: unknown) =>
    fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const me = (authorization?: string, cookie?: string) => call('/me', { ...(authorization ? { authorization } : {}), ...(cookie ? { cookie } : {}) });

  test('the OpenAPI document is valid and names every endpoint', async () => {
    const answer = await call('/openapi.json');
    expect(answer.status).toBe(200);
    const text = await answer.text();
    const document = JSON.parse(text) as { paths: Record<string, unknown> };
    const check = spawnSync(process.execPath, [join(__dirname, '..', 'helpers', 'openapi-check.mjs')], { input: text, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/v1/approvals',
      '/api/v1/me',
      '/api/v1/rectifications/{id}',
      '/api/v1/rectifications/{id}/progress',
      '/api/v1/rectifications/{id}/verdict',
      '/api/v1/reports',
      '/api/v1/reports/{id}',
      '/api/v1/reports/{id}/draft',
      '/api/v1/reports/{id}/feedback',
      '/api/v1/reports/{id}/review',
      '/api/v1/reports/{id}/submit',
      '/api/v1/seasons/{id}/export',
      '/api/v1/seasons/{id}/meetings',
      '/api/v1/seasons/{id}/meetings/{meetingId}',
      '/api/v1/seasons/{id}/meetings/{meetingId}/ballots',
      '/api/v1/seasons/{id}/meetings/{meetingId}/ballots/{ballotId}/void',
      '/api/v1/seasons/{id}/meetings/{meetingId}/close',
      '/api/v1/seasons/{id}/meetings/{meetingId}/grades',
      '/api/v1/seasons/{id}/status',
    ]);
  });

  test('a token works until it is revoked; only its hash is stored', async () => {
    const { token, summary } = await issueApiToken(scratch.db, SECRETARY, 'script', 90);
    const secret = token.split('_').slice(2).join('_');
    const row = await scratch.db.apiToken.findUniqueOrThrow({ where: { id: summary.id } });
    expect(row.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);

    const answer = await me(`Bearer ${token}`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ email: SECRETARY, token: { id: summary.id, name: 'script' } });
    expect((await listApiTokens(scratch.db, SECRETARY))[0]?.lastUsedAt).not.toBeNull();

    await revokeApiToken(scratch.db, SECRETARY, summary.id);
    const refused = await me(`Bearer ${token}`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: 'revoked', message: { 'zh-CN': expect.any(String), en: 'The token has been revoked.' } } });
  });

  test('another person cannot revoke a token', async () => {
    const { summary } = await issueApiToken(scratch.db, SECRETARY, 'mine', 30);
    await expect(revokeApiToken(scratch.db, ADMIN, summary.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  test('missing, malformed, unknown and expired tokens, and a cookie alone, are 401', async () => {
    const { token: expired } = await issueApiToken(scratch.db, SECRETARY, 'old', 1, new Date(Date.now() - 2 * 86_400_000));
    const { token: live } = await issueApiToken(scratch.db, SECRETARY, 'live', 1);
    const forged = `${live.slice(0, -4)}AAAA`;
    const session = await openSession(scratch.db, SECRETARY);
    const codes: Record<string, string> = {};
    for (const [name, header, cookie] of [
      ['missing', undefined, undefined],
      ['malformed', 'Bearer nonsense', undefined],
      ['unknown', `Bearer ${forged}`, undefined],
      ['expired', `Bearer ${expired}`, undefined],
      ['cookie', undefined, `${SESSION_COOKIE}=${session.id}`],
    ] as const) {
      const answer = await me(header, cookie);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      codes[name] = ((await answer.json()) as { error: { code: string } }).error.code;
    }
    expect(codes).toEqual({ missing: 'missing', malformed: 'malformed', unknown: 'unknown', expired: 'expired', cookie: 'missing' });
  });

  test('after 20 refused tokens a client is turned away for a while, even with a good token', async () => {
    // Its own web app: the count is per client, and every request here comes from 127.0.0.1.
    const guessed = await startWebAlone(scratch.db);
    try {
      const { token } = await issueApiToken(scratch.db, SECRETARY, 'good', 1);
      const meAt = (authorization: string) => fetch(`http://127.0.0.1:${guessed.port}/api/v1/me`, { headers: { authorization } });
      expect((await meAt(`Bearer ${token}`)).status).toBe(200); // a good token never counts
      for (let guess = 0; guess < 20; guess++) expect((await meAt(`Bearer shz_${String(guess).padStart(24, '0')}_${'a'.repeat(43)}`)).status).toBe(401);
      const turnedAway = await meAt(`Bearer ${token}`);
      expect(turnedAway.status).toBe(429);
      expect(Number(turnedAway.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await turnedAway.json()).toMatchObject({
        error: { code: 'too_many_refused_tokens', message: { en: expect.stringContaining('try again in 15 minutes') } },
      });
    } finally {
      await guessed.app.close();
    }
  });

  test('a request of the wrong form is 400 JSON, an unknown endpoint 404 JSON', async () => {
    const { token } = await issueApiToken(scratch.db, SECRETARY, 'form', 1);
    const answer = await call(
      `/reports/${encodeURIComponent('demo-2026/no1-middle-school')}/review`,
      { authorization: `Bearer ${token}` },
      { decision: 'maybe' },
    );
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    const unknown = await call('/no-such-endpoint', { authorization: `Bearer ${token}` });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  test('a body over 10 MB is 413 JSON that says so, not a generic refusal', async () => {
    const { token } = await issueApiToken(scratch.db, SECRETARY, 'big', 1);
    const answer = await call(
      `/reports/${encodeURIComponent('demo-2026/no1-middle-school')}/draft`,
      { authorization: `Bearer ${token}` },
      { text: 'a'.repeat(11 * 1024 * 1024) },
    );
    expect(answer.status).toBe(413);
    const { error } = (await answer.json()) as { error: { code: string; message: Record<string, string> } };
    expect(error.code).toBe('too_large');
    expect(error.message['zh-CN']).toContain('超过 10 MB');
  });
});
