// What a person may do to a report now, asked of the very rules the workflow's validators apply
// (workflows/report-rules.ts), so a page offers exactly the buttons that would be accepted: a
// reviewer who passed a report no longer sees 批准, a secretary sees no review form.
import type { Db } from '../db/client';
import type { ReportPeople, SeasonRules } from '../domain/messages';
import type { Actor, Delegation } from '../domain/report-api';
import type { ReportState } from '../domain/vocabulary';
import { canAdminister, canWrite, effectiveActor, reviewOutcome } from '../workflows/report-rules';

/** Everything the rules look at besides the person: the report's people, the season's rules, live delegations. */
export interface ReportParties {
  people: ReportPeople;
  rules: SeasonRules;
  delegations: Delegation[];
}

export interface AllowedActs {
  /** Save and submit (the secretary, while writing). */
  write: boolean;
  /** Send back with a comment. */
  requestRevision: boolean;
  /** What "approve" does for this person now: pass the review, approve with a rating, or approve unreviewed (with a reason). */
  review?: 'pass' | 'approve' | 'approve_unreviewed';
  /** Extend, reassign, remind, exempt (a season admin, until the report is settled). */
  administer: boolean;
}

const allowed = (rule: () => unknown): boolean => {
  try {
    rule();
    return true;
  } catch {
    return false;
  }
};

/** The refusal's code, when the rules refuse. */
const refusalCode = (error: unknown): string | undefined => (error as { details?: { code?: string }[] }).details?.[0]?.code;

function reviewAct(state: ReportState, parties: ReportParties, actor: Actor): AllowedActs['review'] {
  // A rating and no reason: the rating is the form's to ask for; only a missing reason tells an
  // unreviewed approval (which the season allows) from one the rules refuse outright.
  try {
    return reviewOutcome(state, parties.people, parties.rules, { actor, decision: 'approve', rating: '好' }) === 'pass' ? 'pass' : 'approve';
  } catch (error) {
    return refusalCode(error) === 'reason_required' ? 'approve_unreviewed' : undefined;
  }
}

export function allowedActs(state: ReportState, parties: ReportParties, email: string, now = Date.now()): AllowedActs {
  const actor = effectiveActor({ email, channel: 'web' }, parties.delegations, now);
  return {
    write: allowed(() => canWrite(state, parties.people, actor)),
    requestRevision: allowed(() => reviewOutcome(state, parties.people, parties.rules, { actor, decision: 'request_revision', comment: '—' })),
    review: reviewAct(state, parties, actor),
    administer: allowed(() => canAdminister(state, parties.people, actor, ['', ''])),
  };
}

const NOTHING: AllowedActs = { write: false, requestRevision: false, administer: false };
export const nothingAllowed = (): AllowedActs => ({ ...NOTHING });

/**
 * The report's people as its workflow holds them, read from the read model: the branch's
 * secretary, liaison and reviewer on the report's row; leadership and admins from the season's
 * current roles on its root; delegations from the record.
 */
export async function loadReportParties(
  db: Db,
  report: { id: string; seasonId: string; secretaryEmail: string; liaisonEmail: string | null; reviewerEmail: string | null },
): Promise<ReportParties> {
  const season = await db.season.findUniqueOrThrow({ where: { id: report.seasonId }, select: { rootOrganizationId: true, leadersMayApproveUnreviewed: true } });
  const [roles, delegated] = await Promise.all([
    db.roleAssignment.findMany({
      where: {
        seasonId: report.seasonId,
        organizationId: season.rootOrganizationId,
        validUntil: null,
        role: { in: ['leader', 'party_group_secretary', 'admin'] },
      },
      select: { role: true, person: { select: { email: true } } },
      orderBy: { validFrom: 'asc' },
    }),
    db.auditEvent.findMany({ where: { reportId: report.id, action: 'report.delegated' }, select: { detailJson: true }, orderBy: { id: 'asc' } }),
  ]);
  const emailsOf = (role: string) => roles.filter((r) => r.role === role).map((r) => r.person.email);
  return {
    people: {
      secretary: report.secretaryEmail,
      liaison: report.liaisonEmail ?? undefined,
      reviewer: report.reviewerEmail ?? undefined,
      partyGroupSecretary: emailsOf('party_group_secretary')[0],
      leaders: emailsOf('leader'),
      admins: emailsOf('admin'),
    },
    rules: { leadersMayApproveUnreviewed: season.leadersMayApproveUnreviewed },
    delegations: delegated.map(({ detailJson }) => JSON.parse(detailJson) as Delegation),
  };
}
