// The season row, read as often as every status and dashboard view asks for it.
import type { Db, Season } from './client';

/** The season, or null. Plain SQL: Prisma's query compiler costs more than this read (bench/README.md). */
export async function seasonRow(db: Db, seasonId: string): Promise<Season | null> {
  const [season] = await db.$queryRaw<Season[]>`SELECT * FROM "Season" WHERE "id" = ${seasonId}`;
  return season ?? null;
}
