// A season's counts in one statement, with the dashboard's progress chart when asked. The status
// and the dashboard ask for them on every view; as separate Prisma queries each paid its own query
// compilation and round trip, which cost more than the counting itself (bench/README.md, changes 3
// and 14). Plain SQL that SQLite and PostgreSQL both read ($1 is the season, db/sql-text.ts).
import type { Db } from './client';

export interface SeasonCounts {
  /** Branches with a current secretary. */
  branches: number;
  reportsByState: Record<string, number>;
  ratings: Record<string, number>;
  mailsSent: number;
}

/** How many reports were submitted and approved on each day (UTC), for the progress chart. */
export interface ProgressByDay {
  submitted: Map<string, number>;
  approved: Map<string, number>;
}

/** A 'reports' row counts the reports of one state with one rating (or none); the others count what their kind says. */
interface CountRow {
  kind: 'reports' | 'branches' | 'mails' | keyof ProgressByDay;
  key: string | null;
  rating: string | null;
  n: number | bigint;
}

// The season's reports are read once for both the states and the ratings: at most one row per
// state and rating.
const COUNTS = `
  SELECT 'reports' AS kind, "state" AS key, "rating", COUNT(*) AS n FROM "Report"
    WHERE "seasonId" = $1 GROUP BY "state", "rating"
  UNION ALL
  SELECT 'branches', NULL, NULL, COUNT(*) FROM "RoleAssignment"
    WHERE "seasonId" = $1 AND "role" = 'secretary' AND "validUntil" IS NULL
  UNION ALL
  SELECT 'mails', NULL, NULL, COUNT(*) FROM "SentMail"
    WHERE "seasonId" = $1 AND "status" = 'sent'`;

// Both databases print a timestamp as text starting with its date (SQLite stores the ISO text).
const PROGRESS = `
  UNION ALL
  SELECT 'submitted', substr(CAST("submittedAt" AS TEXT), 1, 10), NULL, COUNT(*) FROM "Report"
    WHERE "seasonId" = $1 AND "submittedAt" IS NOT NULL GROUP BY substr(CAST("submittedAt" AS TEXT), 1, 10)
  UNION ALL
  SELECT 'approved', substr(CAST("approvedAt" AS TEXT), 1, 10), NULL, COUNT(*) FROM "Report"
    WHERE "seasonId" = $1 AND "approvedAt" IS NOT NULL GROUP BY substr(CAST("approvedAt" AS TEXT), 1, 10)`;

export function seasonCounts(db: Db, seasonId: string): Promise<SeasonCounts>;
export function seasonCounts(db: Db, seasonId: string, options: { progress: true }): Promise<SeasonCounts & { progress: ProgressByDay }>;
export async function seasonCounts(db: Db, seasonId: string, options?: { progress: true }): Promise<SeasonCounts & { progress?: ProgressByDay }> {
  const rows = await db.$queryRawUnsafe<CountRow[]>(options?.progress ? COUNTS + PROGRESS : COUNTS, seasonId);
  const counts: SeasonCounts & { progress?: ProgressByDay } = { branches: 0, reportsByState: {}, ratings: {}, mailsSent: 0 };
  if (options?.progress) counts.progress = { submitted: new Map(), approved: new Map() };
  for (const row of rows) {
    const n = Number(row.n); // PostgreSQL's COUNT is a bigint
    if (row.kind === 'branches') counts.branches = n;
    else if (row.kind === 'mails') counts.mailsSent = n;
    else if (row.key === null) continue;
    else if (row.kind === 'reports') {
      counts.reportsByState[row.key] = (counts.reportsByState[row.key] ?? 0) + n;
      if (row.rating !== null) counts.ratings[row.rating] = (counts.ratings[row.rating] ?? 0) + n;
    } else counts.progress?.[row.kind].set(row.key, n);
  }
  return counts;
}
