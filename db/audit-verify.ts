// Proves a season's record is as it was written: every chain (the season's and each report's) is
// unbroken and every hash holds.
import { createHash } from 'node:crypto';
import type { Db } from './client';
import { eventHash, GENESIS_HASH } from './audit';

export interface AuditProblem {
  chain: string | null;
  chainSeq: number | null;
  id: number;
  problem: 'edited' | 'missing' | 'out_of_order' | 'unchained';
  message: string;
}

export interface AuditVerification {
  seasonId: string;
  events: number;
  chains: number;
  ok: boolean;
  /** One hash over every chain's head: keep it elsewhere to detect a cut-off tail later. */
  headHash: string;
  problems: AuditProblem[];
}

type Event = Awaited<ReturnType<Db['auditEvent']['findMany']>>[number];

export async function verifyAuditChain(db: Db, seasonId: string): Promise<AuditVerification> {
  const events = await db.auditEvent.findMany({ where: { seasonId }, orderBy: { id: 'asc' } });
  const problems: AuditProblem[] = [];
  const chains = new Map<string, Event[]>();
  for (const event of events) {
    if (!event.chain) {
      problems.push({ chain: null, chainSeq: null, id: event.id, problem: 'unchained', message: `event #${event.id} carries no hash` });
      continue;
    }
    chains.set(event.chain, [...(chains.get(event.chain) ?? []), event]);
  }
  const heads: string[] = [];
  for (const [chain, chainEvents] of [...chains.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    heads.push(`${chain}=${verifyChain(chain, chainEvents, problems)}`);
  }
  return {
    seasonId,
    events: events.length,
    chains: chains.size,
    ok: problems.length === 0,
    headHash: createHash('sha256').update(heads.join('\n')).digest('hex'),
    problems,
  };
}

/** Checks one chain in the order the rows were stored; returns its head hash. */
function verifyChain(chain: string, events: Event[], problems: AuditProblem[]): string {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const event of events) {
    const seq = event.chainSeq ?? 0;
    const where = { chain, chainSeq: seq, id: event.id };
    if (seq > expectedSeq) {
      problems.push({ ...where, problem: 'missing', message: `${chain}: event ${expectedSeq}${seq - 1 > expectedSeq ? `…${seq - 1}` : ''} is missing before ${seq}` });
    } else if (seq < expectedSeq) {
      problems.push({ ...where, problem: 'out_of_order', message: `${chain}: event ${seq} is stored after event ${expectedSeq - 1}` });
    } else if (event.prevHash !== prevHash) {
      problems.push({ ...where, problem: 'missing', message: `${chain}: event ${seq} does not follow the event before it` });
    }
    if (eventHash(event.prevHash ?? '', { ...event, chainSeq: seq }) !== event.hash) {
      problems.push({ ...where, problem: 'edited', message: `${chain}: event ${seq} (${event.action}) was changed after it was written` });
    }
    prevHash = event.hash ?? '';
    expectedSeq = Math.max(expectedSeq, seq + 1);
  }
  return prevHash;
}
