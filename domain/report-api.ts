// The branch report workflow's updates, signals and queries: defined once, imported by the
// workflow, the CLI and the web app. Workflow-safe.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { RecordHead } from './messages';
import type { ReportSize } from './report-limits';
import type { Finding, ReportFigures } from './submission-check';
import type { Channel, Rating, ReportState } from './vocabulary';

/** Who is asking, and through what. `onBehalfOf` is set when acting for a delegating person. */
export interface Actor {
  email: string;
  channel: Channel;
  onBehalfOf?: string;
}

export interface SaveDraftRequest {
  actor: Actor;
  /** sha256 of the text, already stored in ReportContent by the caller. */
  contentHash: string;
  /** The text's size, so the validator refuses what is too large before anything is recorded. */
  size: ReportSize;
}

export interface SubmitRequest extends SaveDraftRequest {
  /** The secretary has seen the check's warnings (e.g. placeholders) and submits anyway. */
  acceptWarnings: boolean;
}

export interface VersionSaved {
  versionNumber: number;
  /** The check's warnings, at most MAX_FINDINGS_RETURNED of them. */
  warnings: Finding[];
  /** How many warnings there were in all. */
  warningCount: number;
  figures: ReportFigures;
}

export interface ReviewRequest {
  actor: Actor;
  decision: 'approve' | 'request_revision';
  comment?: string;
  /** Required when a leader approves. */
  rating?: Rating;
  /** Why a leader approves a report that has not passed review (only where the season allows it). */
  reason?: string;
  /** When the revision is due (ISO); defaults to now + the season's revision period. */
  revisionDueAt?: string;
}

export interface ExtendRequest {
  actor: Actor;
  /** The new due date (ISO instant). */
  until: string;
}

export interface ReassignRequest {
  actor: Actor;
  toEmail: string;
  toName?: string;
}

export interface ExemptRequest {
  actor: Actor;
  kind: 'exempted' | 'withdrawn';
  reason: string;
}

export interface ChangeRoleRequest {
  actor: Actor;
  role: 'liaison' | 'reviewer';
  toEmail: string;
  toName?: string;
}

/** Someone acts for a reviewer or leader until a date (a reviewer away, a queue handed over). */
export interface Delegation {
  from: string;
  to: string;
  /** ISO instant; the delegation ends then. */
  until: string;
}

export interface DelegateRequest extends Delegation {
  actor: Actor;
}

export interface CloseRequest {
  actor: Actor;
}

export interface ReportSnapshot {
  reportId: string;
  seasonId: string;
  branchId: string;
  state: ReportState;
  secretaryEmail: string;
  reviewerEmail?: string;
  dueAt: string;
  revisionDueAt?: string;
  reviewDueAt?: string;
  latestVersion: number;
  submittedVersion?: number;
  revisionRound: number;
  rating?: Rating;
  /** The next reminder or escalation and when it is due, if any. */
  nextTimer?: { kind: string; at: string };
  /** The report's chain of the record as this workflow wrote it: Temporal's witness of the record. */
  record: RecordHead;
  /** Mails this report has asked for, and how many still wait for SMTP. */
  mail: { asked: number; waiting: number };
}

/** What the season's fan-out starts each branch's report workflow with. */
export interface BranchReportStart {
  seasonId: string;
  branchId: string;
  seasonTitle: string;
  branchName: string;
  timeZone: string;
}

/** What a report workflow returns when the season has closed it. */
export interface BranchReportResult {
  reportId: string;
  state: ReportState;
  record: RecordHead;
  mailsAsked: number;
}

export const saveDraftUpdate = defineUpdate<VersionSaved, [SaveDraftRequest]>('saveDraft');
export const submitUpdate = defineUpdate<VersionSaved, [SubmitRequest]>('submit');
export const reviewUpdate = defineUpdate<ReportSnapshot, [ReviewRequest]>('review');
export const extendUpdate = defineUpdate<ReportSnapshot, [ExtendRequest]>('extendDueDate');
export const reassignUpdate = defineUpdate<ReportSnapshot, [ReassignRequest]>('reassign');
export const exemptUpdate = defineUpdate<ReportSnapshot, [ExemptRequest]>('exempt');
export const changeRoleUpdate = defineUpdate<ReportSnapshot, [ChangeRoleRequest]>('changeRole');
export const delegateUpdate = defineUpdate<ReportSnapshot, [DelegateRequest]>('delegate');
/** An admin asks for a reminder now: to the secretary while writing, to the reviewer while in review. */
export const remindNowUpdate = defineUpdate<ReportSnapshot, [{ actor: Actor }]>('remindNow');

/** The season is over: settle the report. No reply needed, so a signal. */
export const closeSignal = defineSignal<[CloseRequest]>('close');
export const reportQuery = defineQuery<ReportSnapshot>('report');

/** Failure types a caller may see, with bilingual messages in `details[0]`. */
export const REJECTION = 'ReportRequestRejected';
export const CHECK_FAILED = 'SubmissionCheckFailed';
export const WARNINGS_NOT_ACCEPTED = 'SubmissionWarningsNotAccepted';
/** Two different acts under one audit key: never skipped as a retry. */
export const AUDIT_KEY_CONFLICT = 'AuditKeyConflict';

export interface RejectionDetail {
  code: string;
  'zh-CN': string;
  en: string;
}
