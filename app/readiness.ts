// Is this process ready to serve? Each part it cannot work without is asked, with a time limit
// each: the database (a read of a migrated table), Temporal (its system info) and SMTP (a greeting,
// nothing sent). A worker polling is reported beside them but does not decide: the web app serves
// reading and signing in without one. The answer names each part as ok, unreachable or slow, never
// an address or an error's text (it is public); what went wrong goes to the process's log.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client';
import type { Mailer } from '../mail/mailer';
import { workerPolls } from './worker-presence';

export const READINESS_PARTS = ['database', 'temporal', 'smtp'] as const;
export type ReadinessPart = (typeof READINESS_PARTS)[number];
export type PartState = 'ok' | 'unreachable' | 'slow';

export interface Readiness {
  ready: boolean;
  parts: Record<ReadinessPart, PartState>;
  worker: 'polling' | 'not seen' | 'unknown';
}

/** How long each part may take to answer before it counts as slow. */
export const READINESS_TIME_LIMIT_MS = 3_000;

class TooSlow extends Error {}

async function answered(ask: () => Promise<unknown>, timeLimitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new TooSlow()), timeLimitMs)));
  try {
    await Promise.race([ask(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asks each part, all at once, each within the time limit. */
export async function checkParts<Part extends string>(
  asks: Record<Part, () => Promise<unknown>>,
  options: { timeLimitMs?: number; log?: (line: string) => void } = {},
): Promise<{ ready: boolean; parts: Record<Part, PartState> }> {
  const timeLimitMs = options.timeLimitMs ?? READINESS_TIME_LIMIT_MS;
  const log = options.log ?? ((line: string) => console.error(line));
  const names = Object.keys(asks) as Part[];
  const states = await Promise.all(
    names.map(async (part): Promise<PartState> => {
      try {
        await answered(asks[part], timeLimitMs);
        return 'ok';
      } catch (error) {
        const state = error instanceof TooSlow ? 'slow' : 'unreachable';
        log(`readiness: ${part} is ${state}${error instanceof TooSlow ? '' : `: ${error instanceof Error ? error.message : String(error)}`}`);
        return state;
      }
    }),
  );
  const parts = Object.fromEntries(names.map((part, index) => [part, states[index]])) as Record<Part, PartState>;
  return { ready: states.every((state) => state === 'ok'), parts };
}

/** The web app's readiness: database, Temporal and SMTP decide; whether a worker polls is told beside them. */
export async function checkReadiness(
  deps: { db: Db; temporal: Client; mailer: Mailer },
  options: { timeLimitMs?: number; log?: (line: string) => void } = {},
): Promise<Readiness> {
  const timeLimitMs = options.timeLimitMs ?? READINESS_TIME_LIMIT_MS;
  const { ready, parts } = await checkParts<ReadinessPart>(
    {
      database: () => databaseAnswers(deps.db),
      temporal: () => deps.temporal.withDeadline(Date.now() + timeLimitMs, () => deps.temporal.workflowService.getSystemInfo({})),
      smtp: () => deps.mailer.verify(),
    },
    options,
  );
  const worker = parts.temporal === 'ok' ? await workerSeen(deps.temporal, timeLimitMs) : 'unknown';
  return { ready, parts, worker };
}

/** A read of a table the migrations make: a database without them is not ready either. */
export const databaseAnswers = (db: Db) => db.season.findFirst({ select: { id: true } });

async function workerSeen(temporal: Client, timeLimitMs: number): Promise<Readiness['worker']> {
  try {
    const polls = await temporal.withDeadline(Date.now() + timeLimitMs, () => workerPolls(temporal));
    return polls === 'unknown' ? 'unknown' : polls ? 'polling' : 'not seen';
  } catch {
    return 'unknown';
  }
}
