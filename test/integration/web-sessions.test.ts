// Who a browser session belongs to, read in one statement on every request: the same answer on both databases.
import { importSeason } from '../../db/season-import';
import { closeSession, findSignedIn, openSession, sessionMaxAgeSeconds } from '../../web/sessions';
import { reachFrom } from '../../web/access';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { startWebAlone } from '../helpers/web-alone';

const HOUR = 3_600_000;

describeEachDatabase('web sessions', (kind) => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await kind.create();
    await importSeason(scratch.db, demoSeason(), { email: 'zuzhi@bureau.example', channel: 'system' }, TEST_AUDIT_KEY);
  });
  afterAll(() => scratch?.drop());

  const signedIn = async (email: string) => {
    const session = await openSession(scratch.db, email);
    const found = await findSignedIn(scratch.db, session.id);
    return { session, found, reach: found && reachFrom(email, found.roles) };
  };

  test("an admin's session carries their name, language and the season they administer", async () => {
    const { session, found, reach } = await signedIn('zuzhi@bureau.example');
    expect(found).toMatchObject({ session, name: '王组织（组织办）', locale: 'zh-CN' });
    expect(reach?.adminSeasons).toEqual(['demo-2026']);
    expect(reach?.subtrees).toEqual([{ seasonId: 'demo-2026', path: '/edu-bureau/' }]);
  });

  test("a leader's session reaches the subtree they lead, and administers nothing", async () => {
    const { reach } = await signedIn('dangzu.shuji@bureau.example');
    expect(reach?.adminSeasons).toEqual([]);
    expect(reach?.subtrees.length).toBeGreaterThan(0);
    expect(new Set(reach?.subtrees.map((s) => `${s.seasonId} ${s.path}`))).toEqual(new Set(['demo-2026 /edu-bureau/']));
  });

  test("a secretary's session has their own language and no subtree", async () => {
    const { found } = await signedIn('shuji.shixiao@school.example');
    expect(found).toMatchObject({ name: '吴书记（实验小学）', locale: 'en', roles: [] });
  });

  test('an ended admin role no longer reaches the season', async () => {
    const person = await scratch.db.person.findUniqueOrThrow({ where: { email: 'weiyuan.qian@bureau.example' } });
    await scratch.db.roleAssignment.create({
      data: { key: 'ended-admin', personId: person.id, role: 'admin', seasonId: 'demo-2026', organizationId: 'edu-bureau', validUntil: new Date() },
    });
    const { found } = await signedIn('weiyuan.qian@bureau.example');
    expect(found?.roles).toEqual([]);
  });

  test('someone with no person record is signed in under their address, with no roles', async () => {
    const { found } = await signedIn('visitor@elsewhere.example');
    expect(found).toMatchObject({ name: null, locale: null, roles: [] });
  });

  test('a session lasts twelve hours: a millisecond before they are up it still signs in, at the twelfth hour it no longer does', async () => {
    const opened = new Date('2026-12-01T08:00:00.000Z');
    const session = await openSession(scratch.db, 'zuzhi@bureau.example', opened);
    await expect(findSignedIn(scratch.db, session.id, new Date(opened.getTime() + 12 * HOUR - 1))).resolves.toMatchObject({ session });
    await expect(findSignedIn(scratch.db, session.id, new Date(opened.getTime() + 12 * HOUR))).resolves.toBeNull();
    expect(sessionMaxAgeSeconds).toBe(12 * 3600);
  });

  test('a session lasts as long as the app is configured for: thirty seconds, if so', async () => {
    const opened = new Date('2026-12-01T08:00:00.000Z');
    const session = await openSession(scratch.db, 'zuzhi@bureau.example', opened, 30_000);
    await expect(findSignedIn(scratch.db, session.id, new Date(opened.getTime() + 30_000 - 1))).resolves.toMatchObject({ session });
    await expect(findSignedIn(scratch.db, session.id, new Date(opened.getTime() + 30_000))).resolves.toBeNull();
  });

  test("a session's cookie id and form token are long, random and different from each other and from every other session's", async () => {
    const [a, b] = [await openSession(scratch.db, 'zuzhi@bureau.example'), await openSession(scratch.db, 'zuzhi@bureau.example')];
    for (const value of [a.id, a.csrfToken, b.id, b.csrfToken]) expect(value).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(new Set([a.id, a.csrfToken, b.id, b.csrfToken]).size).toBe(4);
  });

  test('signing out ends that session and leaves the same person signed in elsewhere', async () => {
    const [here, elsewhere] = [await openSession(scratch.db, 'zuzhi@bureau.example'), await openSession(scratch.db, 'zuzhi@bureau.example')];
    await closeSession(scratch.db, here.id);
    await expect(findSignedIn(scratch.db, here.id)).resolves.toBeNull();
    await expect(findSignedIn(scratch.db, elsewhere.id)).resolves.toMatchObject({ session: elsewhere });
  });

  test('a browser signed in before an upgrade stays signed in: its session is still read from the shuzhi_session cookie', async () => {
    const session = await openSession(scratch.db, 'zuzhi@bureau.example');
    const { app, port } = await startWebAlone(scratch.db);
    try {
      const home = (cookie: string) => fetch(`http://127.0.0.1:${port}/`, { headers: { cookie }, redirect: 'manual' });
      expect((await home(`shuzhi_session=${session.id}`)).status).toBe(200);
      const elsewhere = await home(`other_cookie=${session.id}`);
      expect(elsewhere.headers.get('location')).toMatch(/^\/login/);
    } finally {
      await app.close();
    }
  });

  test('an expired, unknown or missing session signs nobody in', async () => {
    const session = await openSession(scratch.db, 'zuzhi@bureau.example');
    await expect(findSignedIn(scratch.db, session.id, new Date(Date.now() + 13 * HOUR))).resolves.toBeNull();
    await expect(findSignedIn(scratch.db, 'no-such-session')).resolves.toBeNull();
    await expect(findSignedIn(scratch.db, undefined)).resolves.toBeNull();
  });
});
