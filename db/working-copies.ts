// The working copy autosave keeps: one row per report, overwritten by each autosave (prisma/models.prisma).
import type { Db } from './client';

// One statement, so two autosaves at once cannot both miss the row and collide on its key; the
// latest version's number is read in the same statement, so a version saved just before counts.
// Each parameter is first used in order, as SQLite needs (db/sql-text.ts).
const WRITE = `
  INSERT INTO "WorkingCopy" ("reportId", "body", "authorEmail", "baseVersion", "savedAt")
  SELECT r."id", $1, $2, (SELECT COALESCE(MAX(v."number"), 0) FROM "ReportVersion" v WHERE v."reportId" = r."id"), $3
  FROM "Report" r WHERE r."id" = $4
  ON CONFLICT ("reportId") DO UPDATE SET
    "body" = excluded."body", "authorEmail" = excluded."authorEmail", "baseVersion" = excluded."baseVersion", "savedAt" = excluded."savedAt"`;

export async function writeWorkingCopy(db: Db, reportId: string, body: string, authorEmail: string, savedAt: Date): Promise<void> {
  const written = await db.$executeRawUnsafe(WRITE, body, authorEmail, savedAt, reportId);
  if (written !== 1) throw new Error(`no report ${reportId} to keep a working copy of`);
}

export interface WorkingCopy {
  body: string;
  authorEmail: string;
  baseVersion: number;
  savedAt: Date;
}

export function readWorkingCopy(db: Db, reportId: string): Promise<WorkingCopy | null> {
  return db.workingCopy.findUnique({ where: { reportId }, select: { body: true, authorEmail: true, baseVersion: true, savedAt: true } });
}
