// The sent-mail log and the recipient's name and language, as the sendMail activity reads and
// writes them for every mail. Plain SQL (db/sql-text.ts): every approval and every reminder sends
// a mail.
import { randomUUID } from 'node:crypto';
import type { Db } from './client';

export type MailLogStatus = 'sending' | 'sent';

export interface MailLogEntry {
  idempotencyKey: string;
  kind: string;
  toAddress: string;
  subject: string;
  seasonId: string | null;
  reportId: string | null;
  messageId: string;
  requestedAt: Date | null;
}

export interface Recipient {
  name: string;
  locale: string;
}

const STATUS = `SELECT "status" FROM "SentMail" WHERE "idempotencyKey" = $1`;
// The name the mail's season knows the person by (RoleAssignment.personName, of the latest role
// they were given in it), else their name now. $1 is the season (or null), $2 the address: SQLite
// numbers parameters in the order they first appear (db/sql-text.ts).
const RECIPIENT = `
  SELECT COALESCE(
           (SELECT ra."personName" FROM "RoleAssignment" ra
            WHERE ra."personId" = p."id" AND ra."seasonId" = $1 AND ra."personName" <> ''
            ORDER BY ra."validFrom" DESC, ra."id" DESC LIMIT 1),
           p."name") AS "name",
         p."locale"
  FROM "Person" p WHERE p."email" = $2`;
const LOG_SENDING = `
  INSERT INTO "SentMail" ("id", "idempotencyKey", "kind", "toAddress", "subject", "seasonId", "reportId",
    "messageId", "requestedAt", "status", "createdAt")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'sending', $10)`;
const LOG_SENT = `UPDATE "SentMail" SET "status" = 'sent', "sentAt" = $1 WHERE "idempotencyKey" = $2`;

/** The log's status for this key, or null when no attempt has logged it yet. */
export async function mailLogStatus(db: Db, idempotencyKey: string): Promise<MailLogStatus | null> {
  const [row] = await db.$queryRawUnsafe<{ status: MailLogStatus }[]>(STATUS, idempotencyKey);
  return row?.status ?? null;
}

/**
 * The person with this address (lower case), or null for an address no season names. With a
 * season, their name as that season knows it: a mail about 2026 greets them as 2026 did.
 */
export async function recipientOf(db: Db, email: string, seasonId?: string | null): Promise<Recipient | null> {
  const [row] = await db.$queryRawUnsafe<Recipient[]>(RECIPIENT, seasonId ?? null, email.toLowerCase());
  return row ?? null;
}

/** Logs the mail as being sent. A second insert of the same key fails on the unique key. */
export async function logMailSending(db: Db, entry: MailLogEntry): Promise<void> {
  const { idempotencyKey, kind, toAddress, subject, seasonId, reportId, messageId, requestedAt } = entry;
  await db.$executeRawUnsafe(LOG_SENDING, randomUUID(), idempotencyKey, kind, toAddress, subject, seasonId, reportId, messageId, requestedAt, new Date());
}

export async function logMailSent(db: Db, idempotencyKey: string, at: Date): Promise<void> {
  await db.$executeRawUnsafe(LOG_SENT, at, idempotencyKey);
}
