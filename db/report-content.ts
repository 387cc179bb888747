// Report text, stored once per distinct content under its sha256 (prisma/models.prisma).
import { createHash } from 'node:crypto';
import type { Db } from './client';

/** The key a text is stored under, and what the record keeps of it: its sha256. */
export const contentHashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

// One statement, so two requests storing the same text at once cannot both miss the row and
// then collide on its key, as Prisma's upsert (a read, then an insert) did.
const STORE = `INSERT INTO "ReportContent" ("hash", "body", "createdAt") VALUES ($1, $2, $3) ON CONFLICT ("hash") DO NOTHING`;

const FIND = `SELECT "hash" FROM "ReportContent" WHERE "hash" = $1`;

/**
 * Stores the text under its hash unless it is stored already, and reads it back: the request
 * that follows names the text by hash alone, so it goes out only once the text is there to find.
 */
export async function storeContent(db: Db, hash: string, body: string): Promise<void> {
  await db.$executeRawUnsafe(STORE, hash, body, new Date());
  const found = await db.$queryRawUnsafe<{ hash: string }[]>(FIND, hash);
  if (found.length !== 1) throw new Error(`report text ${hash} was not stored; try again`);
}
