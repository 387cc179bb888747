// What a report's mails say: who each reminder and escalation goes to, and the values its template
// fills in. Pure.
import type { MailRequest, ReportPeople } from '../domain/messages';
import type { MailKind } from '../domain/vocabulary';
import { formatInZone } from '../domain/time';
import type { BranchReportInput, CarriedState } from './report-state';
import { currentDeadline, type TimerKind } from './report-timers';

export interface NoticeSpec {
  action: string;
  mail: MailKind;
  to: (people: ReportPeople) => (string | undefined)[];
  /** Set for an escalation: the read model shows the report escalated to them. */
  escalatedTo?: string;
}

/** What each timer's notice is: its record, its mail and who gets it. */
export const NOTICES: Record<TimerKind, NoticeSpec> = {
  reminder: { action: 'report.reminded', mail: 'reminder', to: (p) => [p.secretary] },
  overdue_weekly: { action: 'report.overdue_reminded', mail: 'reminder', to: (p) => [p.secretary] },
  escalate_liaison: { action: 'report.escalated', mail: 'escalation', to: (p) => [p.liaison], escalatedTo: 'liaison' },
  escalate_party_group_secretary: {
    action: 'report.escalated',
    mail: 'escalation',
    to: (p) => [p.partyGroupSecretary],
    escalatedTo: 'party_group_secretary',
  },
  review_reminder: { action: 'report.review_reminded', mail: 'review_reminder', to: (p) => [p.reviewer] },
  review_escalation: { action: 'report.review_escalated', mail: 'review_escalation', to: (p) => p.admins, escalatedTo: 'admins' },
};

export const recipientsOf = (kind: TimerKind, people: ReportPeople): string[] => NOTICES[kind].to(people).filter((email): email is string => !!email);

/** A notice's template values, told at `at`: time left, overdue and for how long, notices it stands for. */
export function noticeValues(kind: TimerKind, missed: number, at: number, deadline: number, heldByNoticeGap = false): Record<string, string> {
  // A reminder sent late, after its deadline, says the report is overdue rather than "1 hour left".
  const overdue = kind === 'overdue_weekly' || (kind === 'reminder' && at >= deadline);
  return {
    ...(kind === 'reminder' && !overdue ? { timeLeftMs: String(deadline - at) } : {}),
    ...(overdue ? { overdue: 'yes' } : {}),
    ...(NOTICES[kind].mail === 'escalation' ? { overdueMs: String(Math.max(0, at - deadline)) } : {}),
    ...(missed ? { missed: String(missed) } : {}),
    ...(missed && heldByNoticeGap ? { heldByNoticeGap: 'yes' } : {}),
  };
}

/** A mail the report asks for, keyed by the act that asked, due at `dueAt`. */
export function mailRequest(
  input: BranchReportInput,
  s: CarriedState,
  ask: { actKey: string; kind: MailKind; to: string; dueAt: number; values: Record<string, string> },
): MailRequest {
  const date = (isoDate: string) => formatInZone(new Date(isoDate), input.timeZone);
  return {
    idempotencyKey: `${ask.actKey}/${ask.kind}/${ask.to}`,
    kind: ask.kind,
    toEmail: ask.to,
    seasonId: input.seasonId,
    reportId: s.reportId,
    requestedAt: new Date(ask.dueAt).toISOString(),
    values: {
      seasonTitle: input.seasonTitle,
      branchName: input.branchName,
      timeZone: input.timeZone,
      // Emails: the mail activity puts the people's names in their place (PERSON_FIELDS).
      secretaryEmail: s.people.secretary,
      reviewerEmail: s.people.reviewer ?? '',
      dueDate: date(currentDeadline(s)),
      submittedAt: s.submittedAt ? date(s.submittedAt) : '',
      reviewDue: s.reviewDueAt ? date(s.reviewDueAt) : '',
      linkPath: `/reports/${encodeURIComponent(s.reportId)}`,
      ...ask.values,
    },
  };
}
