// The only writer of the record. Always called inside the transaction that makes the change it
// records, so the two commit together or not at all. Events form hash chains, one per report
// (and one per season for season-wide events): each carries the hash of the one before it, so an
// edited, deleted or reordered row shows. Per-report chains keep concurrent workflows from
// contending for one chain head.
import { createHash } from 'node:crypto';
import type { AuditEventInput, RecordHead } from '../domain/messages';
import type { AuditKey } from '../config/audit-key';
import type { Db, DbTransaction } from './client';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields the hash covers, in a fixed order. */
export interface ChainedContent {
  chainSeq: number;
  key: string;
  occurredAt: Date;
  actorEmail: string;
  onBehalfOf: string | null;
  action: string;
  channel: string;
  seasonId: string | null;
  reportId: string | null;
  versionNumber: number | null;
  detailJson: string;
}

/** The chained fields, in the order the hash takes them and the insert writes them. */
const CHAINED_FIELDS = [
  'chainSeq',
  'key',
  'occurredAt',
  'actorEmail',
  'onBehalfOf',
  'action',
  'channel',
  'seasonId',
  'reportId',
  'versionNumber',
  'detailJson',
] as const satisfies readonly (keyof ChainedContent)[];

export function eventHash(prevHash: string, event: ChainedContent): string {
  const content = CHAINED_FIELDS.map((field) => (field === 'occurredAt' ? event.occurredAt.toISOString() : event[field]));
  return createHash('sha256').update(prevHash).update(JSON.stringify(content)).digest('hex');
}

export const chainOf = (event: { reportId?: string | null; seasonId?: string | null; onSeasonChain?: boolean }) =>
  event.reportId && !event.onSeasonChain ? `report:${event.reportId}` : event.seasonId ? `season:${event.seasonId}` : 'global';

// Plain SQL (db/sql-text.ts): the record is written on every change of every report.
const RECORDED = `SELECT "key", "occurredAt", "actorEmail", "action", "channel", "seasonId", "reportId", "versionNumber",
  "chainSeq", "hash" FROM "AuditEvent" WHERE "key" = $1`;
const CHAIN_HEAD = `SELECT "chainSeq", "hash" FROM "AuditEvent" WHERE "chain" = $1 ORDER BY "chainSeq" DESC LIMIT 1`;
const APPEND_COLUMNS = [...CHAINED_FIELDS, 'chain', 'prevHash', 'hash', 'mac', 'macKeyId', 'recordedAt'];
const APPEND = `INSERT INTO "AuditEvent" (${APPEND_COLUMNS.map((column) => `"${column}"`).join(', ')})
  VALUES (${APPEND_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

const CHAIN_HEADS = `SELECT a."chain", a."hash" FROM "AuditEvent" a WHERE a."seasonId" = $1 AND a."chain" IS NOT NULL
  AND a."chainSeq" = (SELECT MAX(b."chainSeq") FROM "AuditEvent" b WHERE b."chain" = a."chain")`;

const CHAIN_HEAD_OF = `SELECT "chainSeq", "hash" FROM "AuditEvent" WHERE "chain" = $1 ORDER BY "chainSeq" DESC LIMIT 1`;
const EVENT_AT = `SELECT "hash" FROM "AuditEvent" WHERE "chain" = $1 AND "chainSeq" = $2`;

/** What an act found when the chain no longer held the head its workflow knew (RecordBreak in verify). */
export interface RecordBreak {
  /** The head the workflow knew: its count and hash. */
  knownEvents: number;
  knownHash: string;
  /** How many events the database's chain had when the act was appended. */
  foundEvents: number;
}

/**
 * The chain still holds the head the workflow knew (events written since, by a task that died
 * unheard of, are fine), or the break is described: an act appended after a tail was cut or an
 * event replaced carries that in its own authenticated event, so the next act cannot heal the
 * record in the witness's eyes.
 */
async function breakBefore(tx: DbTransaction, chain: string, known: RecordHead, foundEvents: number): Promise<RecordBreak | undefined> {
  if (known.events === 0) return undefined;
  const [atKnown] = await tx.$queryRawUnsafe<{ hash: string }[]>(EVENT_AT, chain, known.events);
  if (atKnown?.hash === known.hash) return undefined;
  return { knownEvents: known.events, knownHash: known.hash, foundEvents };
}

/** The events recorded under any of these keys, with their time and detail. */
export async function findRecordedKeys(db: Db | DbTransaction, keys: string[]): Promise<{ key: string; occurredAt: Date; detailJson: string }[]> {
  if (!keys.length) return [];
  const list = keys.map((_, i) => `$${i + 1}`).join(', ');
  const rows = await db.$queryRawUnsafe<{ key: string; occurredAt: Date; detailJson: string }[]>(
    `SELECT "key", "occurredAt", "detailJson" FROM "AuditEvent" WHERE "key" IN (${list})`,
    ...keys,
  );
  return rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) }));
}

/** A chain's events after `afterSeq` and before `beforeSeq`, in order, with what authenticates them. */
export async function eventsBetween(
  db: Db | DbTransaction,
  chain: string,
  afterSeq: number,
  beforeSeq: number,
): Promise<{ key: string; action: string; occurredAt: Date; detailJson: string; hash: string; mac: string | null; macKeyId: string | null }[]> {
  const rows = await db.$queryRawUnsafe<
    { key: string; action: string; occurredAt: Date; detailJson: string; hash: string; mac: string | null; macKeyId: string | null }[]
  >(
    `SELECT "key", "action", "occurredAt", "detailJson", "hash", "mac", "macKeyId" FROM "AuditEvent"
      WHERE "chain" = $1 AND "chainSeq" > $2 AND "chainSeq" < $3 ORDER BY "chainSeq"`,
    chain,
    afterSeq,
    beforeSeq,
  );
  return rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) }));
}

/** Where a chain stands now, or null when it has no event. */
export async function chainHead(db: Db | DbTransaction, chain: string): Promise<RecordHead | null> {
  const [last] = await db.$queryRawUnsafe<{ chainSeq: number; hash: string }[]>(CHAIN_HEAD_OF, chain);
  return last ? headOf(last) : null;
}

/** One hash over the last hash of every chain: what verify prints and a season's close keeps. */
export function headOverChains(heads: { chain: string; hash: string }[]): string {
  const lines = heads.map((head) => `${head.chain}=${head.hash}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** The season's record head as it stands (every chain's last event), read in one statement. */
export async function seasonRecordHead(tx: DbTransaction, seasonId: string): Promise<string> {
  return headOverChains(await tx.$queryRawUnsafe<{ chain: string; hash: string }[]>(CHAIN_HEADS, seasonId));
}

/** An event already in the record, as far as telling a retried act from a different one needs. */
export interface RecordedEvent {
  key: string;
  occurredAt: Date;
  actorEmail: string;
  action: string;
  channel: string;
  seasonId: string | null;
  reportId: string | null;
  versionNumber: number | null;
  chainSeq: number;
  hash: string;
}

/**
 * Two different acts under one key: a bug (or an edited row), never a retry. Not retryable: the
 * request fails loudly instead of being skipped as recorded.
 */
export class AuditKeyConflictError extends Error {
  constructor(
    readonly key: string,
    readonly recorded: string,
    readonly attempted: string,
  ) {
    super(`audit key ${key} is already recorded for a different act (${recorded}); refusing to record ${attempted} under it`);
    this.name = 'AuditKeyConflictError';
  }
}

/** The event recorded under this key, if any. */
export async function findRecordedEvent(tx: DbTransaction, key: string): Promise<RecordedEvent | null> {
  const [row] = await tx.$queryRawUnsafe<RecordedEvent[]>(RECORDED, key);
  return row ? { ...row, occurredAt: new Date(row.occurredAt) } : null;
}

const actOf = (e: { action: string; actorEmail: string; channel: string; reportId?: string | null; seasonId?: string | null }) =>
  `${e.action} by ${e.actorEmail} via ${e.channel} on ${e.reportId ?? e.seasonId ?? '-'}`;

/**
 * The same act retried (the same key, action, actor, channel and subject) is the recorded one;
 * anything else under its key is a conflict. The time may differ: a retried workflow task runs later.
 */
export function assertSameAct(recorded: RecordedEvent, event: AuditEventInput): void {
  const attempted = { ...event, reportId: event.reportId ?? null, seasonId: event.seasonId ?? null };
  if (actOf(recorded) !== actOf(attempted)) throw new AuditKeyConflictError(event.key, actOf(recorded), actOf(attempted));
}

export const headOf = (event: { chainSeq: number; hash: string }): RecordHead => ({ events: event.chainSeq, hash: event.hash });

/**
 * Appends the event unless its key is recorded already (the same act, retried), and returns the
 * head of its chain as of this event. A different act under a recorded key fails.
 */
export async function appendAuditEvent(tx: DbTransaction, key: AuditKey, event: AuditEventInput): Promise<RecordHead> {
  const recorded = await findRecordedEvent(tx, event.key);
  if (recorded) {
    assertSameAct(recorded, event);
    return headOf(recorded);
  }
  return appendUnrecordedAuditEvent(tx, key, event);
}

/**
 * Appends an event whose key the caller has found unrecorded with {@link findRecordedEvent} in the
 * same transaction, so that a change makes one lookup of its key instead of two.
 */
export async function appendUnrecordedAuditEvent(tx: DbTransaction, key: AuditKey, event: AuditEventInput, knownHead?: RecordHead): Promise<RecordHead> {
  const chain = chainOf(event);
  const [last] = await tx.$queryRawUnsafe<{ chainSeq: number; hash: string }[]>(CHAIN_HEAD, chain);
  const broken = knownHead ? await breakBefore(tx, chain, knownHead, last?.chainSeq ?? 0) : undefined;
  if (broken) event = { ...event, detail: { ...event.detail, recordBroken: broken } };
  const content: ChainedContent = {
    chainSeq: (last?.chainSeq ?? 0) + 1,
    key: event.key,
    occurredAt: new Date(event.occurredAt),
    actorEmail: event.actorEmail,
    onBehalfOf: event.onBehalfOf ?? null,
    action: event.action,
    channel: event.channel,
    seasonId: event.seasonId ?? null,
    reportId: event.reportId ?? null,
    versionNumber: event.versionNumber ?? null,
    detailJson: JSON.stringify(event.detail ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = eventHash(prevHash, content);
  // A concurrent writer that took the same chainSeq makes this insert fail on the unique key;
  // the transaction rolls back and its caller (an activity) is retried.
  const fields = CHAINED_FIELDS.map((field) => content[field]);
  await tx.$executeRawUnsafe(APPEND, ...fields, chain, prevHash, hash, key.mac(hash), key.id, new Date());
  return { events: content.chainSeq, hash };
}
