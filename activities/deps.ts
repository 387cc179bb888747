// What every activity is built from: the database, the mailer, the clock and the record's key.
import type { AuditKey } from '../config/audit-key';
import type { BallotTokens } from '../config/ballot-tokens';
import type { Db } from '../db/client';
import type { SignInLinks } from '../db/sign-in-links';
import type { Mailer } from '../mail/mailer';

export interface Clock {
  now(): Date;
}

export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  /** Authenticates every event the activities record (config/audit-key.ts). */
  auditKey: AuditKey;
  /** Where links in mails point (the web app). */
  publicBaseUrl: string;
  /** Makes each mailed link sign its recipient in; without it links lead to the sign-in page. */
  signInLinks?: SignInLinks;
  /** Signs the link in each 民主测评 ballot's mail; without it a ballot mail cannot be sent. */
  ballotTokens?: BallotTokens;
}

export const systemClock: Clock = { now: () => new Date() };
