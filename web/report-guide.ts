// What the report page needs beyond the report itself to say who acts now and what each person
// may do: the report's people and rules (as its workflow holds them), everyone's names, and the
// reviewer's last send-back (shown above the editor while the secretary revises).
import { loadReportParties, type ReportParties } from '../app/report-permissions';
import type { Db } from '../db/client';
import { namesFor, type NameOf } from './people';

export interface ReportGuide {
  parties: ReportParties;
  nameOf: NameOf;
  /** The latest send-back: who asked, when, and what they wrote. */
  sendBack?: { reviewerEmail: string; comment: string | null; createdAt: Date; versionNumber: number };
}

interface GuideInput {
  report: { id: string; seasonId: string; secretaryEmail: string; liaisonEmail: string | null; reviewerEmail: string | null };
  versions: { authorEmail: string }[];
  comments: { authorEmail: string }[];
  timeline: { actorEmail: string; onBehalfOf: string | null; detailJson?: string }[];
}

/** Addresses a record's detail names (a reminder's recipients, a reassignment's from and to). */
function detailEmails(detailJson: string | undefined): string[] {
  if (!detailJson) return [];
  const detail = JSON.parse(detailJson) as Record<string, unknown>;
  return [detail.to, detail.from, detail.secretaryEmail].flat().filter((v): v is string => typeof v === 'string' && v.includes('@'));
}

export async function loadReportGuide(db: Db, view: GuideInput): Promise<ReportGuide> {
  const { report } = view;
  const [parties, sendBack] = await Promise.all([
    loadReportParties(db, report),
    db.reviewDecision.findFirst({
      where: { reportId: report.id, decision: 'revision_requested' },
      orderBy: { createdAt: 'desc' },
      select: { reviewerEmail: true, comment: true, createdAt: true, versionNumber: true },
    }),
  ]);
  const { people } = parties;
  const emails = [
    people.secretary,
    ...[people.liaison, people.reviewer, people.partyGroupSecretary].filter((e): e is string => !!e),
    ...people.leaders,
    ...people.admins,
    ...view.versions.map((v) => v.authorEmail),
    ...view.comments.map((c) => c.authorEmail),
    ...view.timeline.flatMap((e) => [e.actorEmail, e.onBehalfOf ?? '', ...detailEmails(e.detailJson)]),
    sendBack?.reviewerEmail ?? '',
  ];
  return { parties, nameOf: await namesFor(db, report.seasonId, emails), sendBack: sendBack ?? undefined };
}
