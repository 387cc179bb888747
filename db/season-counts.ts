// A season's counts in one statement. The status and the dashboard ask for five counts on every
// view; as five Prisma queries each paid its own query compilation and round trip, which cost more
// than the counting itself (bench/README.md). Plain SQL that SQLite and PostgreSQL both read.
import type { Db } from './client';

export interface SeasonCounts {
  /** Branches with a current secretary. */
  branches: number;
  reportsByState: Record<string, number>;
  ratings: Record<string, number>;
  mailsSent: number;
}

interface CountRow {
  kind: 'state' | 'rating' | 'branches' | 'mails';
  key: string | null;
  n: number | bigint;
}

export async function seasonCounts(db: Db, seasonId: string): Promise<SeasonCounts> {
  const rows = await db.$queryRaw<CountRow[]>`
    SELECT 'state' AS kind, "state" AS key, COUNT(*) AS n FROM "Report"
      WHERE "seasonId" = ${seasonId} GROUP BY "state"
    UNION ALL
    SELECT 'rating', "rating", COUNT(*) FROM "Report"
      WHERE "seasonId" = ${seasonId} AND "rating" IS NOT NULL GROUP BY "rating"
    UNION ALL
    SELECT 'branches', NULL, COUNT(*) FROM "RoleAssignment"
      WHERE "seasonId" = ${seasonId} AND "role" = 'secretary' AND "validUntil" IS NULL
    UNION ALL
    SELECT 'mails', NULL, COUNT(*) FROM "SentMail"
      WHERE "seasonId" = ${seasonId} AND "status" = 'sent'`;
  const counts: SeasonCounts = { branches: 0, reportsByState: {}, ratings: {}, mailsSent: 0 };
  for (const row of rows) {
    const n = Number(row.n); // PostgreSQL's COUNT is a bigint
    if (row.kind === 'state' && row.key) counts.reportsByState[row.key] = n;
    else if (row.kind === 'rating' && row.key) counts.ratings[row.key] = n;
    else if (row.kind === 'branches') counts.branches = n;
    else if (row.kind === 'mails') counts.mailsSent = n;
  }
  return counts;
}

/** How many reports were submitted and approved on each day (UTC), for the progress chart. */
export interface ProgressByDay {
  submitted: Map<string, number>;
  approved: Map<string, number>;
}

export async function progressByDay(db: Db, seasonId: string): Promise<ProgressByDay> {
  // Both databases print a timestamp as text starting with its date (SQLite stores the ISO text).
  const rows = await db.$queryRaw<{ kind: 'submitted' | 'approved'; day: string; n: number | bigint }[]>`
    SELECT 'submitted' AS kind, substr(CAST("submittedAt" AS TEXT), 1, 10) AS day, COUNT(*) AS n FROM "Report"
      WHERE "seasonId" = ${seasonId} AND "submittedAt" IS NOT NULL GROUP BY substr(CAST("submittedAt" AS TEXT), 1, 10)
    UNION ALL
    SELECT 'approved', substr(CAST("approvedAt" AS TEXT), 1, 10), COUNT(*) FROM "Report"
      WHERE "seasonId" = ${seasonId} AND "approvedAt" IS NOT NULL GROUP BY substr(CAST("approvedAt" AS TEXT), 1, 10)`;
  const progress: ProgressByDay = { submitted: new Map(), approved: new Map() };
  for (const row of rows) progress[row.kind].set(row.day, Number(row.n));
  return progress;
}
