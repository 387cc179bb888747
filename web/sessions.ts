// Browser sessions, opened by a redeemed sign-in link. The cookie carries only a random id; the
// session's CSRF token is compared with the one each form or fetch sends back.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client';

export const SESSION_COOKIE = 'shuzhi_session';
const SESSION_TTL_MS = 12 * 3_600_000;

export interface Session {
  id: string;
  email: string;
  csrfToken: string;
}

const randomId = () => randomBytes(24).toString('base64url');

export async function openSession(db: Db, email: string, now = new Date()): Promise<Session> {
  const session = { id: randomId(), email, csrfToken: randomId() };
  await db.webSession.create({ data: { ...session, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) } });
  return session;
}

export async function findSession(db: Db, id: string | undefined, now = new Date()): Promise<Session | null> {
  if (!id) return null;
  const row = await db.webSession.findUnique({ where: { id } });
  if (!row || row.expiresAt <= now) return null;
  return { id: row.id, email: row.email, csrfToken: row.csrfToken };
}

export async function closeSession(db: Db, id: string): Promise<void> {
  await db.webSession.deleteMany({ where: { id } });
}

export const sessionMaxAgeSeconds = SESSION_TTL_MS / 1000;
