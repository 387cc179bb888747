// The season's record (台账) as people read it: every event in order, or one branch's.
import type { Db } from '../db/client';
import { findSeason } from './season-commands';

export async function listSeasonRecord(db: Db, seasonId: string, branchId?: string) {
  await findSeason(db, seasonId); // an unknown season is an error, not an empty record
  return db.auditEvent.findMany({
    where: { seasonId, ...(branchId ? { reportId: `${seasonId}/${branchId}` } : {}) },
    orderBy: { id: 'asc' },
  });
}
