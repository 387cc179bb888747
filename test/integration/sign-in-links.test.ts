// Sign-in links on both databases: one use each, refused once expired or forged, and of several
// simultaneous uses exactly one wins.
import { createSignInLinks, SignInRefused, type SignInLinks } from '../../db/sign-in-links';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const HOUR = 3_600_000;

describeEachDatabase('sign-in links', (kind) => {
  let scratch: ScratchDatabase;
  let links: SignInLinks;
  beforeAll(async () => {
    scratch = await kind.create();
    links = createSignInLinks(scratch.db, SECRET, HOUR);
  });
  afterAll(() => scratch?.drop());

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: unknown) => (error instanceof SignInRefused ? error.reason : `unexpected: ${String(error)}`),
    );

  test('a link signs its person in once, and is refused the second time', async () => {
    const token = await links.issue('Shuji@School.example');
    await expect(links.redeem(token)).resolves.toBe('shuji@school.example');
    await expect(refusal(links.redeem(token))).resolves.toBe('used');
  });

  test('an expired link is refused even though it was never used', async () => {
    const early = createSignInLinks(scratch.db, SECRET, HOUR, () => new Date(Date.now() - 2 * HOUR));
    await expect(refusal(links.redeem(await early.issue('a@b.example')))).resolves.toBe('expired');
  });

  test('a link signed with another key, or with its expiry moved, is forged', async () => {
    const other = createSignInLinks(scratch.db, 'another-secret-of-at-least-thirty-two-chars', HOUR);
    await expect(refusal(links.redeem(await other.issue('a@b.example')))).resolves.toBe('forged');
    const [id, expires, signature] = (await links.issue('a@b.example')).split('.');
    await expect(refusal(links.redeem(`${id}.${Number(expires) + HOUR}.${signature}`))).resolves.toBe('forged');
    await expect(refusal(links.redeem('garbage'))).resolves.toBe('forged');
  });

  test('checking a link, as a mail scanner opening it does, uses nothing: it still signs in once', async () => {
    const token = await links.issue('scanned@b.example');
    await expect(links.check(token)).resolves.toBe('scanned@b.example');
    await expect(links.check(token)).resolves.toBe('scanned@b.example');
    await expect(links.redeem(token)).resolves.toBe('scanned@b.example');
    await expect(refusal(links.check(token))).resolves.toBe('used');
  });

  test('checking refuses an expired or forged link, as using it does', async () => {
    const early = createSignInLinks(scratch.db, SECRET, HOUR, () => new Date(Date.now() - 2 * HOUR));
    await expect(refusal(links.check(await early.issue('a@b.example')))).resolves.toBe('expired');
    const [id, expires, signature] = (await links.issue('a@b.example')).split('.');
    await expect(refusal(links.check(`${id}.${Number(expires) + HOUR}.${signature}`))).resolves.toBe('forged');
    await expect(refusal(links.check('garbage'))).resolves.toBe('forged');
  });

  test('of five simultaneous uses of one link, exactly one signs in', async () => {
    const token = await links.issue('race@b.example');
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => refusal(links.redeem(token))));
    expect(outcomes.sort()).toEqual(['accepted', 'used', 'used', 'used', 'used']);
  });
});
