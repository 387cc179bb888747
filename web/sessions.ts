// Browser sessions, opened by a redeemed sign-in link. The cookie carries only a random id; the
// session's CSRF token is compared with the one each form or fetch sends back.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { sqlWordList } from '../db/sql-text';
import { SUBTREE_ROLES, type SubtreeRole } from './access';

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

/** The session's person, as far as every page needs it: their name, language and subtree roles. */
export interface SignedIn {
  session: Session;
  name: string | null;
  locale: string | null;
  roles: SubtreeRole[];
}

/** One row per current subtree role; a person with none gets one row whose role columns are null. */
interface SignedInRow {
  email: string;
  csrfToken: string;
  expiresAt: Date;
  name: string | null;
  locale: string | null;
  role: string | null;
  seasonId: string | null;
  path: string | null;
}

// Every request asks this, so it is one statement. $1 is the session id.
const SIGNED_IN = `
  SELECT s."email", s."csrfToken", s."expiresAt", p."name", p."locale", r."role", r."seasonId", o."path"
  FROM "WebSession" s
  LEFT JOIN "Person" p ON p."email" = s."email"
  LEFT JOIN "RoleAssignment" r ON r."personId" = p."id" AND r."validUntil" IS NULL
    AND r."role" IN (${sqlWordList(SUBTREE_ROLES)})
  LEFT JOIN "Organization" o ON o."id" = r."organizationId"
  WHERE s."id" = $1`;

export async function findSignedIn(db: Db, id: string | undefined, now = new Date()): Promise<SignedIn | null> {
  if (!id) return null;
  const rows = await db.$queryRawUnsafe<SignedInRow[]>(SIGNED_IN, id);
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

export const sessionMaxAgeSeconds = SESSION_TTL_MS / 1000;
