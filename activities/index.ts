// Every activity, built from its dependencies. Workflows see only the type (`import type`).
import type { AuditKey } from '../db/audit-key';
import type { Db } from '../db/client';
import type { SignInLinks } from '../db/sign-in-links';
import type { Mailer } from '../mail/mailer';
import { createFanOutActivities } from './fan-out-activities';
import { createMailActivities } from './mail-activities';
import { createReportActivities } from './report-activities';
import { createSeasonActivities } from './season-activities';

export interface Clock {
  now(): Date;
}

export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  /** Authenticates every event the activities record (db/audit-key.ts). */
  auditKey: AuditKey;
  /** Where links in mails point (the web app). */
  publicBaseUrl: string;
  /** Makes each mailed link sign its recipient in; without it links lead to the sign-in page. */
  signInLinks?: SignInLinks;
}

export const systemClock: Clock = { now: () => new Date() };

export function createActivities(deps: ActivityDeps) {
  return {
    ...createSeasonActivities(deps),
    ...createFanOutActivities(deps),
    ...createReportActivities(deps),
    ...createMailActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
