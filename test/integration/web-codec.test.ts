// The Temporal Web UI's codec endpoint: the UI has no sign-in, so only a signed-in season admin,
// posting from the UI's origin, gets payloads back readable; everyone else gets a refusal.
import { request } from 'node:http';
import { defaultPayloadConverter } from '@temporalio/common';
import { JSONToPayload, payloadToJSON, type JSONPayload } from '@temporalio/common/lib/proto-utils';
import type { FastifyInstance } from 'fastify';
import { importSeason } from '../../db/season-import';
import { PayloadEncryptionCodec } from '../../temporal/payload-codec';
import { openSession, SESSION_COOKIE } from '../../web/sessions';
import { at } from '../helpers/at';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { databaseKinds, type ScratchDatabase } from '../helpers/databases';
import { TEST_PAYLOAD_KEYRING } from '../helpers/payload-codec';
import { demoSeason } from '../helpers/seasons';
import { startWebAlone } from '../helpers/web-alone';

const UI = 'http://127.0.0.1:8233';
const ADMIN = 'zuzhi@bureau.example';
const SECRETARY = 'shuji.yizhong@school.example';
const COMMENT = { comment: '请补充数据', secretary: SECRETARY };

describe('the codec endpoint for the Temporal Web UI', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  const codec = new PayloadEncryptionCodec(TEST_PAYLOAD_KEYRING);
  let sealed: JSONPayload[];
  let port = 0;

  beforeAll(async () => {
    scratch = await at(databaseKinds(), 0, 'database kind').create();
    await importSeason(scratch.db, demoSeason(), { email: ADMIN, channel: 'system' }, TEST_AUDIT_KEY);
    // The codec reads nothing from Temporal, mail or sign-in links.
    ({ app, port } = await startWebAlone(scratch.db, { temporalCodec: { codec, uiOrigins: [UI], namespace: 'default' } }));
    sealed = (await codec.encode([defaultPayloadConverter.toPayload(COMMENT)])).map(payloadToJSON);
  });
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });

  /** A request over real HTTP, with the headers a browser sends. */
  const send = (method: string, path: string, headers: Record<string, string>, body = '') =>
    new Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
      const call = request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, headers: response.headers, body: text }));
      });
      call.on('error', reject);
      call.end(body);
    });

  /** A post as the UI's page makes it: JSON, its namespace, and the session cookie when signed in. */
  const post = async (path: string, options: { as?: string; origin?: string; namespace?: string; body?: unknown } = {}) => {
    const session = options.as ? await openSession(scratch.db, options.as) : undefined;
    const headers = {
      'content-type': 'application/json',
      origin: options.origin ?? UI,
      'x-namespace': options.namespace ?? 'default',
      ...(session ? { cookie: `${SESSION_COOKIE}=${session.id}` } : {}),
    };
    return send('POST', path, headers, JSON.stringify(options.body ?? { payloads: sealed }));
  };
  const decoded = (body: string) =>
    (JSON.parse(body) as { payloads: JSONPayload[] }).payloads.map((p) => defaultPayloadConverter.fromPayload(JSONToPayload(p)));

  test('nobody signed in: 401, and nothing decoded', async () => {
    const response = await post('/codec/decode');
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain(SECRETARY);
    expect(response.headers['access-control-allow-origin']).toBe(UI);
  });

  test('a signed-in secretary, not a season admin: 403, and nothing decoded', async () => {
    const response = await post('/codec/decode', { as: SECRETARY });
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain(SECRETARY);
    expect(JSON.parse(response.body)).toEqual({ error: expect.stringContaining('管理员') });
  });

  test("a season admin from the UI's origin: the payloads decoded, readable by the UI's page with the cookie", async () => {
    const response = await post('/codec/decode', { as: ADMIN });
    expect(response.statusCode).toBe(200);
    expect(decoded(response.body)).toEqual([COMMENT]);
    expect(response.headers['access-control-allow-origin']).toBe(UI);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
  });

  test('encode seals what the UI sends, and decode opens it again', async () => {
    const plain = [payloadToJSON(defaultPayloadConverter.toPayload(COMMENT))];
    const encoded = await post('/codec/encode', { as: ADMIN, body: { payloads: plain } });
    expect(encoded.statusCode).toBe(200);
    expect(encoded.body).not.toContain(Buffer.from(JSON.stringify(COMMENT)).toString('base64'));
    const again = await post('/codec/decode', { as: ADMIN, body: JSON.parse(encoded.body) });
    expect(decoded(again.body)).toEqual([COMMENT]);
  });

  test("the UI's preflight is answered for its origin alone", async () => {
    const preflight = (origin: string) =>
      send('OPTIONS', '/codec/decode', { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' });
    const fromUi = await preflight(UI);
    expect(fromUi.statusCode).toBe(204);
    expect(fromUi.headers).toMatchObject({ 'access-control-allow-origin': UI, 'access-control-allow-credentials': 'true' });
    expect(String(fromUi.headers['access-control-allow-headers'])).toContain('x-namespace');
    const foreign = await preflight('https://evil.example');
    expect(foreign.statusCode).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  test("an admin's session is refused from another site, for another namespace, and for what is not the codec's JSON", async () => {
    expect((await post('/codec/decode', { as: ADMIN, origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await post('/codec/decode', { as: ADMIN, namespace: 'someone-else' })).statusCode).toBe(400);
    expect((await post('/codec/decode', { as: ADMIN, body: { payloads: 'all of them' } })).statusCode).toBe(400);
    const session = await openSession(scratch.db, ADMIN);
    const form = await send(
      'POST',
      '/codec/decode',
      { 'content-type': 'application/x-www-form-urlencoded', origin: UI, cookie: `${SESSION_COOKIE}=${session.id}` },
      'payloads=x',
    );
    expect(form.statusCode).toBe(415);
  });

  test('a payload under a key the app lacks is refused, naming the key', async () => {
    const foreign = {
      ...at(sealed, 0, 'sealed'),
      metadata: { ...at(sealed, 0, 'sealed').metadata, 'encryption-key-id': Buffer.from('gone-2025').toString('base64') },
    };
    const response = await post('/codec/decode', { as: ADMIN, body: { payloads: [foreign] } });
    expect(response.statusCode).toBe(422);
    expect(JSON.parse(response.body)).toEqual({ error: expect.stringContaining('gone-2025') });
  });
});
