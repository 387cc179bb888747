// The statements every change of a report writes besides its audit event: the read model's row,
// and a review's decision, comment and rating. Plain SQL (db/sql-text.ts): bulk approval and
// reminder waves write thousands of them.
import { randomUUID } from 'node:crypto';
import type { DbTransaction } from './client';

/** The read model's columns a change may set; a key left out is left as it is, null clears. */
export interface ReportColumns {
  state?: string;
  secretaryEmail?: string;
  dueAt?: Date;
  revisionDueAt?: Date | null;
  reviewDueAt?: Date | null;
  escalatedTo?: string | null;
  escalatedAt?: Date | null;
  submittedAt?: Date;
  approvedAt?: Date;
  revisionRounds?: number;
  rating?: string;
  currentVersion?: number;
}

// The only names that reach the statement's text: a key of ReportColumns, checked at run time too.
const REPORT_COLUMNS: readonly (keyof ReportColumns)[] = [
  'state',
  'secretaryEmail',
  'dueAt',
  'revisionDueAt',
  'reviewDueAt',
  'escalatedTo',
  'escalatedAt',
  'submittedAt',
  'approvedAt',
  'revisionRounds',
  'rating',
  'currentVersion',
];

export interface ChangedReport {
  id: string;
  seasonId: string;
  currentVersion: number;
}

/** Sets the given columns (and `updatedAt`); the changed report, or null when there is none. */
export async function updateReport(tx: DbTransaction, reportId: string, columns: ReportColumns): Promise<ChangedReport | null> {
  for (const name of Object.keys(columns)) {
    if (!REPORT_COLUMNS.includes(name as keyof ReportColumns)) throw new Error(`not a report column: ${name}`);
  }
  const set = REPORT_COLUMNS.filter((name) => columns[name] !== undefined);
  const assignments = set.map((name, i) => `"${name}" = $${i + 1}`);
  assignments.push(`"updatedAt" = $${set.length + 1}`);
  const [report] = await tx.$queryRawUnsafe<ChangedReport[]>(
    `UPDATE "Report" SET ${assignments.join(', ')} WHERE "id" = $${set.length + 2} RETURNING "id", "seasonId", "currentVersion"`,
    ...set.map((name) => columns[name]),
    new Date(),
    reportId,
  );
  return report ?? null;
}

export interface Review {
  /** The step's audit key: a decision and a rating are keyed by it, so a retried step writes neither twice. */
  key: string;
  reportId: string;
  versionNumber: number;
  /** The reviewer, or the leader who approved. */
  email: string;
  onBehalfOf: string | null;
  at: Date;
}

const INSERT_DECISION = `
  INSERT INTO "ReviewDecision" ("id", "reportId", "versionNumber", "reviewerEmail", "decision", "comment", "createdAt")
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;
const INSERT_COMMENT = `
  INSERT INTO "ReviewComment" ("id", "reportId", "versionNumber", "authorEmail", "body", "createdAt")
  VALUES ($1, $2, $3, $4, $5, $6)`;
const INSERT_RATING = `
  INSERT INTO "Rating" ("id", "reportId", "rating", "leaderEmail", "onBehalfOf", "createdAt")
  VALUES ($1, $2, $3, $4, $5, $6)`;

/** A review's decision, and its comment (if it has one) as a comment on the version reviewed. */
export async function recordDecision(tx: DbTransaction, review: Review, decision: string, comment: string | null): Promise<void> {
  const { key, reportId, versionNumber, email, at } = review;
  await tx.$executeRawUnsafe(INSERT_DECISION, key, reportId, versionNumber, email, decision, comment, at);
  if (comment) await tx.$executeRawUnsafe(INSERT_COMMENT, randomUUID(), reportId, versionNumber, email, comment, at);
}

export async function recordRating(tx: DbTransaction, review: Review, rating: string): Promise<void> {
  const { key, reportId, email, onBehalfOf, at } = review;
  await tx.$executeRawUnsafe(INSERT_RATING, key, reportId, rating, email, onBehalfOf, at);
}
