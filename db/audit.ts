// The only writer of the record. Always called inside the transaction that makes the change it
// records, so the two commit together or not at all. Events form hash chains, one per report
// (and one per season for season-wide events): each carries the hash of the one before it, so an
// edited, deleted or reordered row shows. Per-report chains keep concurrent workflows from
// contending for one chain head.
import { createHash } from 'node:crypto';
import type { AuditEventInput } from '../domain/messages';
import type { DbTransaction } from './client';

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

export const chainOf = (event: { reportId?: string | null; seasonId?: string | null }) =>
  event.reportId ? `report:${event.reportId}` : event.seasonId ? `season:${event.seasonId}` : 'global';

// Plain SQL (db/sql-text.ts): the record is written on every change of every report.
const IS_RECORDED = `SELECT 1 FROM "AuditEvent" WHERE "key" = $1`;
const CHAIN_HEAD = `SELECT "chainSeq", "hash" FROM "AuditEvent" WHERE "chain" = $1 ORDER BY "chainSeq" DESC LIMIT 1`;
const APPEND_COLUMNS = [...CHAINED_FIELDS, 'chain', 'prevHash', 'hash', 'recordedAt'];
const APPEND = `INSERT INTO "AuditEvent" (${APPEND_COLUMNS.map((column) => `"${column}"`).join(', ')})
  VALUES (${APPEND_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;

/** Appends the event, unless its key is already recorded (the same step, retried). */
export async function appendAuditEvent(tx: DbTransaction, event: AuditEventInput): Promise<void> {
  if (await isRecorded(tx, event.key)) return;
  await appendUnrecordedAuditEvent(tx, event);
}

/** Whether the step with this audit key is already recorded. */
export async function isRecorded(tx: DbTransaction, key: string): Promise<boolean> {
  return (await tx.$queryRawUnsafe<unknown[]>(IS_RECORDED, key)).length > 0;
}

/**
 * Appends an event whose key the caller has found unrecorded with {@link isRecorded} in the same
 * transaction, so that a change makes one lookup of its key instead of two.
 */
export async function appendUnrecordedAuditEvent(tx: DbTransaction, event: AuditEventInput): Promise<void> {
  const chain = chainOf(event);
  const [last] = await tx.$queryRawUnsafe<{ chainSeq: number; hash: string }[]>(CHAIN_HEAD, chain);
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
  // A concurrent writer that took the same chainSeq makes this insert fail on the unique key;
  // the transaction rolls back and its caller (an activity) is retried.
  const fields = CHAINED_FIELDS.map((field) => content[field]);
  await tx.$executeRawUnsafe(APPEND, ...fields, chain, prevHash, eventHash(prevHash, content), new Date());
}
