// A signed-in form post is taken only from the app's own origin: a valid form token sent from
// another site is refused all the same (the token check and the origin check each hold alone).
import { request } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { importSeason } from '../../db/season-import';
import { openSession, SESSION_COOKIE, type Session } from '../../web/sessions';
import { at } from '../helpers/at';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { databaseKinds, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';
import { startWebAlone } from '../helpers/web-alone';

let port = 0;
let BASE = '';

describe('the origin of a signed-in post', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    scratch = await at(databaseKinds(), 0, 'database kind').create();
    await importSeason(scratch.db, demoSeason(), { email: 'zuzhi@bureau.example', channel: 'system' }, TEST_AUDIT_KEY);
    // The app's address is known once it listens; the public base URL must name it.
    // Signing out touches only the session: no Temporal, mail or sign-in link is needed.
    ({ app, port } = await startWebAlone(scratch.db));
    BASE = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });

  /** A form post to sign out, over real HTTP, with the headers a browser (or an attacker's page) sends. */
  const signOut = (session: Session, headers: Record<string, string>) =>
    new Promise<{ statusCode: number }>((resolve, reject) => {
      const payload = `_csrf=${encodeURIComponent(session.csrfToken)}`;
      const post = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/logout',
          headers: { cookie: `${SESSION_COOKIE}=${session.id}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve({ statusCode: response.statusCode ?? 0 }));
        },
      );
      post.on('error', reject);
      post.end(payload);
    });

  test('a valid form token from a foreign origin is refused, and the session stays', async () => {
    const session = await openSession(scratch.db, 'shuji.shixiao@school.example');
    const forged = await signOut(session, { origin: 'https://evil.example' });
    expect(forged.statusCode).toBe(403);
    expect(await scratch.db.webSession.count({ where: { id: session.id } })).toBe(1);
  });

  test('a browser that says the post is cross-site is refused even without an Origin header', async () => {
    const session = await openSession(scratch.db, 'shuji.shixiao@school.example');
    expect((await signOut(session, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
  });

  test("the same post from the app's own origin signs out", async () => {
    const session = await openSession(scratch.db, 'shuji.shixiao@school.example');
    const own = await signOut(session, { origin: BASE });
    expect(own.statusCode).not.toBe(403);
    expect(await scratch.db.webSession.count({ where: { id: session.id } })).toBe(0);
  });
});
