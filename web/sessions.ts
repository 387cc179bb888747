// Browser sessions, opened by a redeemed sign-in link. The cookie carries only a random id; the
// session's CSRF token is compared with the one each form or fetch sends back.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { signedInRows } from '../db/web-sessions';
import { SUBTREE_ROLES, type SubtreeRole } from './access';

export const SESSION_COOKIE = 'shuzhi_session';
/** How long a session lasts unless the app is configured otherwise (SESSION_TTL). */
export const DEFAULT_SESSION_TTL_MS = 12 * 3_600_000;

export interface Session {
  id: string;
  email: string;
  csrfToken: string;
}

const randomId = () => randomBytes(24).toString('base64url');

export async function openSession(db: Db, email: string, now = new Date(), ttlMs = DEFAULT_SESSION_TTL_MS): Promise<Session> {
  const session = { id: randomId(), email, csrfToken: randomId() };
  await db.webSession.create({ data: { ...session, expiresAt: new Date(now.getTime() + ttlMs) } });
  return session;
}

/** The session's person, as far as every page needs it: their name, language and subtree roles. */
export interface SignedIn {
  session: Session;
  name: string | null;
  locale: string | null;
  roles: SubtreeRole[];
}

export async function findSignedIn(db: Db, id: string | undefined, now = new Date()): Promise<SignedIn | null> {
  if (!id) return null;
  const rows = await signedInRows(db, id, SUBTREE_ROLES);
  const first = rows[0];
  if (!first || first.expiresAt <= now) return null;
  return {
    session: { id, email: first.email, csrfToken: first.csrfToken },
    name: first.name,
    locale: first.locale,
    roles: rows.flatMap(({ role, seasonId, path }) => (role === null ? [] : [{ role, seasonId, path }])),
  };
}

export async function closeSession(db: Db, id: string): Promise<void> {
  await db.webSession.deleteMany({ where: { id } });
}

export const sessionMaxAgeSeconds = DEFAULT_SESSION_TTL_MS / 1000;
