// The one statement every page request asks: a browser session with its person and their roles.
import type { Db } from './client';
import { sqlWordList } from './sql-text';

/** One row per current role of `roles`; a person with none gets one row whose role columns are null. */
export interface SignedInRow {
  email: string;
  csrfToken: string;
  expiresAt: Date;
  name: string | null;
  locale: string | null;
  role: string | null;
  seasonId: string | null;
  path: string | null;
}

/** $1 is the session id; the role list is fixed words (sql-text.ts checks them). */
const signedInSql = (roles: readonly string[]) => `
  SELECT s."email", s."csrfToken", s."expiresAt", p."name", p."locale", r."role", r."seasonId", o."path"
  FROM "WebSession" s
  LEFT JOIN "Person" p ON p."email" = s."email"
  LEFT JOIN "RoleAssignment" r ON r."personId" = p."id" AND r."validUntil" IS NULL
    AND r."role" IN (${sqlWordList(roles)})
  LEFT JOIN "Organization" o ON o."id" = r."organizationId"
  WHERE s."id" = $1`;

export function signedInRows(db: Db, sessionId: string, roles: readonly string[]): Promise<SignedInRow[]> {
  return db.$queryRawUnsafe<SignedInRow[]>(signedInSql(roles), sessionId);
}
