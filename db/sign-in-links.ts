// Personal sign-in links: a signed, expiring, single-use token per mail. The signature is checked
// before the database is read, so a forged token costs nothing; the row makes a second use fail.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './client';

export type SignInRefusal = 'forged' | 'expired' | 'used' | 'superseded';

export class SignInRefused extends Error {
  constructor(readonly reason: SignInRefusal) {
    super(`sign-in link refused: ${reason}`);
    this.name = 'SignInRefused';
  }
}

export interface SignInLinks {
  /**
   * A new token for this person, valid for the configured time. `retireOlder` (a link the person
   * asked for) makes their older unused links stop working: only the newest is live.
   */
  issue(email: string, options?: { retireOlder?: boolean }): Promise<string>;
  /** The person the token was issued to; throws SignInRefused when it is forged, expired or used. */
  redeem(token: string): Promise<string>;
  /**
   * The person the token would sign in now, changing nothing: a mail gateway's link checker opens
   * links (HEAD, GET) before the person does, and must not use them up.
   */
  check(token: string): Promise<string>;
}

const ISSUE = `INSERT INTO "SignInLink" ("id", "email", "expiresAt", "createdAt") VALUES ($1, $2, $3, $4)`;
const RETIRE = `UPDATE "SignInLink" SET "retiredAt" = $1 WHERE "email" = $2 AND "usedAt" IS NULL AND "retiredAt" IS NULL`;

export function createSignInLinks(db: Db, secret: string, ttlMs: number, now: () => Date = () => new Date()): SignInLinks {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

  return {
    async issue(email, options = {}) {
      const id = randomBytes(18).toString('base64url');
      const expiresAt = new Date(now().getTime() + ttlMs);
      // Plain SQL (db/sql-text.ts): a link is issued with every mail.
      if (options.retireOlder) await db.$executeRawUnsafe(RETIRE, now(), email.toLowerCase());
      await db.$executeRawUnsafe(ISSUE, id, email.toLowerCase(), expiresAt, now());
      const payload = `${id}.${expiresAt.getTime()}`;
      return `${payload}.${sign(payload)}`;
    },

    async redeem(token) {
      const id = verified(token);
      // One statement decides who uses it first: only a row still unused is marked.
      const marked = await db.signInLink.updateMany({ where: { id, usedAt: null, retiredAt: null }, data: { usedAt: now() } });
      if (marked.count !== 1) {
        const link = await db.signInLink.findUnique({ where: { id }, select: { usedAt: true, retiredAt: true } });
        throw new SignInRefused(!link ? 'forged' : link.usedAt ? 'used' : 'superseded');
      }
      const link = await db.signInLink.findUniqueOrThrow({ where: { id } });
      return link.email;
    },

    async check(token) {
      const link = await db.signInLink.findUnique({ where: { id: verified(token) }, select: { usedAt: true, retiredAt: true, email: true } });
      if (!link) throw new SignInRefused('forged');
      if (link.usedAt) throw new SignInRefused('used');
      if (link.retiredAt) throw new SignInRefused('superseded');
      return link.email;
    },
  };

  /** The link's id, once its signature and expiry hold (nothing is read or written). */
  function verified(token: string): string {
    const [id, expires, signature, ...rest] = token.split('.');
    if (!id || !expires || !signature || rest.length) throw new SignInRefused('forged');
    const expected = Buffer.from(sign(`${id}.${expires}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new SignInRefused('forged');
    if (Number(expires) <= now().getTime()) throw new SignInRefused('expired');
    return id;
  }
}
