// Per report of a season: when it was first submitted, and its latest submission (number and
// extracted figures). Report text is left out: a season of 10,000 reports must not load it all.
import type { Db } from './client';

export interface SubmissionFacts {
  firstAt: Date;
  latestNumber: number;
  latestFiguresJson: string | null;
}

export async function seasonSubmissions(db: Db, seasonId: string): Promise<Map<string, SubmissionFacts>> {
  const versions = await db.reportVersion.findMany({
    where: { report: { seasonId }, kind: 'submission' },
    select: { reportId: true, number: true, createdAt: true, figuresJson: true },
    orderBy: { number: 'asc' },
  });
  const facts = new Map<string, SubmissionFacts>();
  for (const version of versions) {
    const firstAt = facts.get(version.reportId)?.firstAt ?? version.createdAt;
    facts.set(version.reportId, { firstAt, latestNumber: version.number, latestFiguresJson: version.figuresJson });
  }
  return facts;
}
