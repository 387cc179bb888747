// Shapes that cross the workflow/activity boundary. Workflow-safe: types only.
import type { Channel, MailKind, ReportState } from './vocabulary';

/** One step of the record. `key` is its idempotency key: retrying the step writes it once. */
export interface AuditEventInput {
  key: string;
  occurredAt: string; // ISO-8601; from the workflow clock, so a replay gives the same value
  actorEmail: string;
  onBehalfOf?: string;
  action: string;
  channel: Channel;
  seasonId?: string;
  reportId?: string;
  versionNumber?: number;
  detail?: Record<string, unknown>;
  /**
   * The season's chain for an act about a report that its workflow does not record (a final
   * grade, a rectification item): the report's chain is the workflow's, whose head it witnesses.
   */
  onSeasonChain?: boolean;
}

/**
 * Where a chain of the record stands: how many events it holds and the hash of the last. The
 * report workflow keeps its chain's head in its state, so Temporal's history is a second witness
 * of the record that database access alone cannot rewrite.
 */
export interface RecordHead {
  events: number;
  hash: string;
}

/** A mail the workflow wants sent; the activity renders it in the recipient's language. */
export interface MailRequest {
  idempotencyKey: string;
  kind: MailKind;
  toEmail: string;
  seasonId?: string;
  reportId?: string;
  /** Workflow time at which the mail became due (a reminder's or an escalation's moment). */
  requestedAt?: string;
  /** Values the template fills in (season title, branch name, due date, …); `linkPath` becomes
   *  a full link under the public base URL. */
  values: Record<string, string>;
}

/** Who takes part in one branch's report. Emails, lower case. */
export interface ReportPeople {
  secretary: string;
  liaison?: string;
  reviewer?: string;
  partyGroupSecretary?: string;
  leaders: string[];
  admins: string[];
}

/** The season's schedule in milliseconds. */
export interface ScheduleMs {
  remindersBeforeDue: number[];
  escalateToLiaisonAfter: number;
  escalateToPartyGroupSecretaryAfter: number;
  digestEvery: number;
  revisionPeriod: number;
  reviewSla: number;
  reviewReminderBeforeSla: number;
  /** The least time between two notices to one audience about one report (default one hour). */
  minimumNoticeGap?: number;
}

/** What the season allows beyond the default rules. */
export interface SeasonRules {
  /** Leaders may approve a report that has not passed review, giving a reason. */
  leadersMayApproveUnreviewed: boolean;
}

/** What the report workflow needs to know about its branch once it is assigned. */
export interface Assignment {
  reportId: string;
  secretaryEmail: string;
  dueAt: string;
  people: ReportPeople;
  schedule: ScheduleMs;
  rules: SeasonRules;
  /** The report's chain of the record after the assignment. */
  head: RecordHead;
}

/** The actor of a recorded act: a person through a channel, or the workflow itself. */
export interface StampActor {
  email: string;
  channel: Channel;
  onBehalfOf?: string;
}

/** One audited act: who did what, when, under the key that identifies the act. */
export interface ChangeStamp {
  /** The act's identity: the Update's id for a request, the timer's own key for a reminder. */
  auditKey: string;
  /** The head of the report's chain as the workflow knows it, so events it has not seen are told back. */
  knownHead?: RecordHead;
  occurredAt: string;
  actor: StampActor;
  action: string;
  detail?: Record<string, unknown>;
}

/** Read-model fields a change may set (dates as ISO strings; null clears). */
export interface ReportPatch {
  state?: ReportState;
  secretaryEmail?: string;
  dueAt?: string;
  revisionDueAt?: string | null;
  reviewDueAt?: string | null;
  escalatedTo?: string | null;
  escalatedAt?: string | null;
  submittedAt?: string;
  approvedAt?: string;
  revisionRounds?: number;
}

/**
 * An event of the report's chain the workflow has not seen: written by a workflow task that died
 * before Temporal heard of it, whose retry then chose differently (a reminder, say, sent by the
 * dead task but not due the same way when its retry ran).
 */
export interface UnseenEvent {
  key: string;
  action: string;
  occurredAt: string;
  detail: Record<string, unknown>;
}

/**
 * An act as the record holds it. For a retried act this is the first attempt's: its time (a
 * retried workflow task runs later) and version, so the workflow derives its state from what was
 * recorded. `unseen` are the events between the head the workflow knew and this act.
 */
export interface RecordedAct {
  occurredAt: string;
  versionNumber?: number;
  head: RecordHead;
  unseen?: UnseenEvent[];
}
