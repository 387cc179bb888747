// Everything the report page shows, read from the record in a handful of queries.
import type { Db } from '../db/client';
import { parseReportId } from '../app/report-commands';
import type { ReportTemplate } from '../domain/submission-check';
import { loadReportGuide } from './report-guide';

export async function loadReportView(db: Db, reportId: string) {
  const report = await db.report.findUnique({ where: { id: reportId }, include: { seasonBranch: true, season: true } });
  if (!report) return null;
  const stored = await db.reportVersion.findMany({
    where: { reportId },
    orderBy: { number: 'asc' },
    select: { number: true, kind: true, authorEmail: true, createdAt: true, figuresJson: true, content: { select: { body: true } } },
  });
  const versions = stored.map(({ content, ...version }) => ({ ...version, body: content.body }));
  const comments = await db.reviewComment.findMany({ where: { reportId }, orderBy: { createdAt: 'asc' } });
  const timeline = await db.auditEvent.findMany({
    where: { reportId },
    orderBy: { id: 'asc' },
    select: { occurredAt: true, action: true, actorEmail: true, onBehalfOf: true, channel: true, detailJson: true },
  });
  const template = JSON.parse(report.season.templateJson) as ReportTemplate;
  // Who acts now and everyone's names: the page says people by name and offers only what the rules allow.
  const guide = await loadReportGuide(db, { report, versions, comments, timeline });
  return { report, versions, comments, timeline, template, guide, ...parseReportId(reportId) };
}

export type ReportView = NonNullable<Awaited<ReturnType<typeof loadReportView>>>;
