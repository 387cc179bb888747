// Report text, stored once per distinct content under its sha256 (prisma/models.prisma).
import type { Db } from './client';

// One statement, so two requests storing the same text at once cannot both miss the row and
// then collide on its key, as Prisma's upsert (a read, then an insert) did.
const STORE = `INSERT INTO "ReportContent" ("hash", "body", "createdAt") VALUES ($1, $2, $3) ON CONFLICT ("hash") DO NOTHING`;

/** Stores the text under its hash unless it is stored already. */
export async function storeContent(db: Db, hash: string, body: string): Promise<void> {
  await db.$executeRawUnsafe(STORE, hash, body, new Date());
}
