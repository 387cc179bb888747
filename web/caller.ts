// What a person may reach and which tools are theirs, from their current roles and delegations:
// the same for a browser session (web/server.ts) and an API token (web/routes/api.ts).
import type { Db } from '../db/client';
import { reportsDelegatedTo } from '../db/delegations';
import { LEADERSHIP_ROLES, reachFrom, usesReviewQueue, type Reach, type SubtreeRole } from './access';

export interface CallerReach {
  reach: Reach;
  /** The review queue is theirs to use (access.ts usesReviewQueue). */
  reviews: boolean;
  /** They hold a leadership role: bulk approval is theirs. */
  approves: boolean;
}

export async function callerReach(db: Db, email: string, roles: SubtreeRole[], now = new Date()): Promise<CallerReach> {
  const reach = reachFrom(email, roles, await reportsDelegatedTo(db, email, now));
  // Leadership approves; the bulk form is shown to nobody else (a delegate approves report by report).
  const approves = roles.some((r) => LEADERSHIP_ROLES.includes(r.role));
  return { reach, reviews: await usesReviewQueue(db, reach), approves };
}
