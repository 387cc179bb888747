// What the workflows ask of the activities: every activity's input and output, defined once.
// Workflows build their stubs from `Activities`; activities/ implements it (the factories are
// typed against these interfaces, so a change on one side that the other lacks does not compile).
// Workflow-safe: types only.
import type { Actor, VersionSaved } from './report-api';
import type { Assignment, AuditEventInput, ChangeStamp, MailRequest, RecordedAct, RecordHead, ReportPatch } from './messages';
import type { ReportFigures } from './submission-check';
import type { Channel, Rating } from './vocabulary';
import type { MeetingTally, PackedVotes } from './evaluation';
import type { EvidenceRef, RectificationState } from './rectification';

export interface RecordAssignmentInput {
  seasonId: string;
  branchId: string;
  occurredAt: string;
  auditKey: string;
}

export interface SaveReportVersionInput {
  reportId: string;
  /** sha256 of the text, stored in ReportContent by the caller before it asked. */
  contentHash: string;
  kind: 'draft' | 'submission';
  acceptWarnings: boolean;
  stamp: ChangeStamp;
  patch: ReportPatch;
}

/** A reviewer's or leader's decision, as the record keeps it beside the event. */
export interface ReviewDecision {
  decision: 'revision_requested' | 'passed' | 'approved';
  comment?: string;
  /** Only with an approval. */
  rating?: Rating;
}

export interface RecordReportChangeInput {
  reportId: string;
  stamp: ChangeStamp;
  patch: ReportPatch;
  versionNumber?: number;
  decision?: ReviewDecision;
}

export interface FoundNotices {
  notices: { key: string; occurredAt: string; missed: string[] }[];
  head: RecordHead | null;
}

export interface ReplaceRoleInput {
  reportId: string;
  toEmail: string;
  toName?: string;
  stamp: ChangeStamp;
}

/** A worker build in the deployment (Temporal's WorkerDeploymentVersion). */
export interface WorkerBuild {
  deploymentName: string;
  buildId: string;
}

export interface BranchPageRequest {
  seasonId: string;
  afterBranchId?: string;
  limit: number;
}

export interface PageResult {
  started: number;
  alreadyRunning: number;
  /** Branches on the page; fewer than the limit means it was the last. */
  count: number;
  lastBranchId?: string;
}

export interface SeasonSummary {
  branches: number;
  byState: Record<string, number>;
  submitted: { onTime: number; late: number; never: number };
  revisionRounds: { total: number; max: number; reportsRevised: number };
  ratings: Record<string, number>;
  figures: Required<ReportFigures>;
  /** The record's head over every chain of the season at its close (本台账校验值). */
  recordHead?: string;
}

/** The report's record: its row, versions, decisions and audit events. */
export interface ReportActivities {
  recordAssignment(input: RecordAssignmentInput): Promise<Assignment>;
  saveReportVersion(input: SaveReportVersionInput): Promise<VersionSaved & RecordedAct>;
  recordReportChange(input: RecordReportChangeInput): Promise<RecordedAct>;
  findRecordedNotices(input: { reportId: string; keys: string[] }): Promise<FoundNotices>;
  reassignSecretary(input: ReplaceRoleInput): Promise<RecordedAct>;
  changeReportRole(input: ReplaceRoleInput & { role: 'liaison' | 'reviewer' }): Promise<RecordedAct>;
}

/** The season's record: started, and closed with its summary. */
export interface SeasonActivities {
  markSeasonStarted(event: AuditEventInput & { seasonId: string }): Promise<void>;
  closeSeasonRecord(input: { seasonId: string; event: AuditEventInput }): Promise<SeasonSummary>;
}

/** Report workflows started or told to close, a page of branches at a time. */
export interface FanOutActivities {
  /** `build`: the season's, to which its reports are pinned (unset on a server without Worker Deployments). */
  startReportPage(input: BranchPageRequest & { build?: WorkerBuild }): Promise<PageResult>;
  closeReportPage(input: BranchPageRequest & { actor: Actor }): Promise<PageResult>;
}

export interface MailActivities {
  /** Renders the mail in the recipient's language and sends it once. False if already sent. */
  sendMail(request: MailRequest): Promise<boolean>;
}

/** One act of a 民主测评 meeting, keyed so that a retry records it once. */
interface MeetingAct {
  seasonId: string;
  meetingId: string;
  auditKey: string;
  occurredAt: string;
}

/** The meeting's record: each ballot cast or voided, and the votes and tally at its close. */
export interface EvaluationActivities {
  /** Marks the ballot cast; records that a ballot of its group was cast, not by whom. */
  recordBallotCast(input: MeetingAct & { ballotId: string; groupId: string; channel: Channel }): Promise<void>;
  recordBallotVoided(input: MeetingAct & { ballotId: string; actor: Actor; reason: string }): Promise<void>;
  /** Writes the votes (shuffled, without ballot ids), the tally, and the meeting closed. */
  recordMeetingClosed(input: MeetingAct & { closedBy?: Actor; votes: PackedVotes; tally: MeetingTally }): Promise<void>;
}

/** One change of a rectification item: its row (created, or patched) and its audit event together. */
export interface RectificationChange {
  itemId: string;
  seasonId: string;
  reportId: string;
  auditKey: string;
  occurredAt: string;
  actor: Actor;
  action: string;
  detail?: Record<string, unknown>;
  /** The item's first change creates its row. */
  create?: { number: number; problem: string; measure: string; ownerEmail: string; reviewers: string[]; dueAt: string };
  patch?: { state?: RectificationState; progressReports?: number; sentBack?: number; lastProgressAt?: string; escalatedAt?: string; closedAt?: string };
  progress?: { text: string; evidence: EvidenceRef[] };
}

export interface RectificationActivities {
  recordRectificationChange(input: RectificationChange): Promise<void>;
}

export type Activities = ReportActivities & SeasonActivities & FanOutActivities & MailActivities & EvaluationActivities & RectificationActivities;
