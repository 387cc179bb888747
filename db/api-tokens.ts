// Personal API tokens as stored: the secret's hash, never the secret (app/api-tokens.ts makes them).
import type { Db } from './client';

export interface ApiTokenRow {
  id: string;
  personEmail: string;
  name: string;
  secretHash: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export async function insertApiToken(db: Db, row: Omit<ApiTokenRow, 'revokedAt' | 'lastUsedAt'>): Promise<void> {
  await db.apiToken.create({ data: row });
}

/** A person's tokens, newest first. */
export function apiTokensOf(db: Db, personEmail: string): Promise<ApiTokenRow[]> {
  return db.apiToken.findMany({ where: { personEmail }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
}

export function apiTokenById(db: Db, id: string): Promise<ApiTokenRow | null> {
  return db.apiToken.findUnique({ where: { id } });
}

/** Revokes one of this person's live tokens; false when there is none such (another's, or revoked already). */
export async function markApiTokenRevoked(db: Db, personEmail: string, id: string, at: Date): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({ where: { id, personEmail, revokedAt: null }, data: { revokedAt: at } });
  return count === 1;
}

export async function markApiTokenUsed(db: Db, id: string, at: Date): Promise<void> {
  await db.apiToken.updateMany({ where: { id }, data: { lastUsedAt: at } });
}

/** A person's current roles among `roles`, with the path of the organization each is held on. */
export async function currentRolesOf(db: Db, email: string, roles: readonly string[]) {
  const rows = await db.roleAssignment.findMany({
    where: { validUntil: null, role: { in: [...roles] }, person: { email } },
    select: { role: true, seasonId: true, organization: { select: { path: true } } },
  });
  return rows.map((r) => ({ role: r.role, seasonId: r.seasonId, path: r.organization?.path ?? null }));
}
