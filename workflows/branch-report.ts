// One workflow per branch per season: carries the branch's report from assignment to approval,
// reminds and escalates on the season's schedule, and settles it when the season closes.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { MailRequest } from '../domain/messages';
import { REVIEW_STATES, type MailKind, type Rating, type ReportState } from '../domain/vocabulary';
import { formatInZone } from '../domain/time';
import type { Assignment, ChangeStamp, ReportPatch } from '../activities/report-activities';
import {
  assignmentActivities,
  firstTryMailActivities,
  localMailActivities,
  localRecordActivities,
  mailActivities,
  recordActivities,
} from './activity-stubs';
import {
  closeSignal,
  exemptUpdate,
  extendUpdate,
  reassignUpdate,
  reportQuery,
  reviewUpdate,
  saveDraftUpdate,
  startReviewUpdate,
  submitUpdate,
  changeRoleUpdate,
  delegateUpdate,
  remindNowUpdate,
  type Actor,
  type Delegation,
  type ReportSnapshot,
} from './report-api';
import {
  assertAdmin,
  assertFutureDate,
  canAdminister,
  canStartReview,
  canWrite,
  effectiveActor,
  reviewOutcome,
  type ReportPeople,
} from './report-rules';
import { currentDeadline, nextTimer, type ScheduleMs, type Timer } from './report-timers';

export interface BranchReportInput {
  seasonId: string;
  branchId: string;
  seasonTitle: string;
  branchName: string;
  timeZone: string;
  /** Set when the workflow continues as new: everything it had, so nothing is redone. */
  carried?: CarriedState;
  /** Continue as new past this many history events (default 2,000; tests set it low). */
  maxHistoryEvents?: number;
}

/** The workflow's whole state: ids, people, dates and counters; never report text. */
export interface CarriedState {
  reportId: string;
  people: ReportPeople;
  schedule: ScheduleMs;
  status: ReportState;
  dueAt: string;
  revisionDueAt?: string;
  reviewDueAt?: string;
  submittedAt?: string;
  latestVersion: number;
  submittedVersion?: number;
  revisionRound: number;
  rating?: Rating;
  plannedAt: number;
  firedTimers: string[];
  /** Numbers each recorded step, for idempotency keys that survive continue-as-new. */
  step: number;
  /** Who acts for a reviewer or leader, until when. */
  delegations?: Delegation[];
  /** Mail asked for but not yet taken by SMTP, oldest first (MAIL_OUTBOX_PATCH). */
  outbox?: MailRequest[];
}

/** The v1 workflow ended after the assignment mail; executions from then replay without this. */
export const LIFECYCLE_PATCH = 'report-lifecycle';
/** Report workflows from before this patch recorded the assignment and its mail as normal activities. */
export const LOCAL_ASSIGNMENT_PATCH = 'assignment-as-local-activities';
/** Report workflows from before this patch recorded their changes and sent their mail as normal activities. */
export const LOCAL_CHANGES_PATCH = 'changes-as-local-activities';
/** Report workflows from before this patch waited for leadership's approval in the run they were in. */
export const APPROVAL_IN_FRESH_RUN_PATCH = 'approval-in-fresh-run';
/**
 * Report workflows from before this patch sent each mail before answering the request that asked
 * for it, holding the report meanwhile: a mail SMTP refused held a leader's approval, or a
 * secretary's submission behind a reminder, until SMTP was back.
 */
export const MAIL_OUTBOX_PATCH = 'mail-outbox';
/** Continue as new well before Temporal's 10,240-event warning. */
const DEFAULT_MAX_HISTORY_EVENTS = 2_000;
/** A run this short costs little to replay, so waiting for approval in it needs no fresh one. */
const SHORT_RUN_EVENTS = 20;

export async function branchReportWorkflow(input: BranchReportInput): Promise<{ reportId: string; state?: ReportState }> {
  const state = input.carried ?? (await assign(input));
  if (!input.carried && !patched(LIFECYCLE_PATCH)) return { reportId: state.reportId };
  return new ReportLifecycle(input, state).run();
}

async function assign(input: BranchReportInput): Promise<CarriedState> {
  const { workflowId, startTime } = workflowInfo();
  const local = patched(LOCAL_ASSIGNMENT_PATCH);
  const assignment: Assignment = await (local ? assignmentActivities : recordActivities).recordAssignment({
    seasonId: input.seasonId,
    branchId: input.branchId,
    occurredAt: new Date(startTime).toISOString(),
    auditKey: `${workflowId}/assigned`,
  });
  await (local ? assignmentActivities : mailActivities).sendMail({
    idempotencyKey: `${workflowId}/assignment-mail/${assignment.secretaryEmail}`,
    kind: 'assignment',
    toEmail: assignment.secretaryEmail,
    seasonId: input.seasonId,
    reportId: assignment.reportId,
    requestedAt: new Date(startTime).toISOString(),
    values: {
      seasonTitle: input.seasonTitle,
      branchName: input.branchName,
      dueDate: formatInZone(new Date(assignment.dueAt), input.timeZone),
      timeZone: input.timeZone,
      linkPath: `/reports/${encodeURIComponent(assignment.reportId)}`,
    },
  });
  return {
    reportId: assignment.reportId,
    // Histories recorded before people and schedule were returned carry only the secretary.
    people: assignment.people ?? { secretary: assignment.secretaryEmail, leaders: [], admins: [] },
    schedule: assignment.schedule,
    status: 'assigned',
    dueAt: assignment.dueAt,
    latestVersion: 0,
    revisionRound: 0,
    plannedAt: Date.now(),
    firedTimers: [],
    step: 0,
  };
}

const SYSTEM: ChangeStamp['actor'] = { email: 'system', channel: 'workflow' };
const DAY = 86_400_000;

class ReportLifecycle {
  private closed = false;
  /** Bumped on every change, so the timer wait wakes up and re-plans. */
  private epoch = 0;
  /** One change at a time: a handler that awaits an activity holds it. */
  private busy = false;
  /** The outbox's first try of a mail is running in this workflow task. */
  private tryingMail = false;

  constructor(
    private readonly input: BranchReportInput,
    private readonly s: CarriedState,
  ) {}

  async run(): Promise<{ reportId: string; state: ReportState }> {
    this.registerHandlers();
    void this.sendOutbox();
    while (!this.closed) {
      if (this.historyIsLong() || this.awaitsApprovalInLongRun()) {
        // Mail still waiting for SMTP goes along in the carried outbox; a first try is let finish.
        await condition(() => allHandlersFinished() && !this.tryingMail);
        await continueAsNew<typeof branchReportWorkflow>({ ...this.input, carried: this.s });
      }
      const timer = nextTimer(this.timerState(), this.s.schedule);
      const epoch = this.epoch;
      const woken = () => this.epoch !== epoch || this.closed;
      const changed = timer ? await condition(woken, Math.max(timer.at - Date.now(), 1)) : (await condition(woken), true);
      if (!changed && timer) await this.exclusive(() => this.fire(timer));
    }
    await condition(() => allHandlersFinished() && !this.s.outbox?.length);
    return { reportId: this.s.reportId, state: this.s.status };
  }

  /**
   * Sends the outbox's mail in order, each until SMTP takes it. The first try runs in the workflow
   * task of the change that asked for it, so a change and its mail still cost one task; a mail it
   * could not send is retried by Temporal with backoff while the report goes on taking requests.
   */
  private async sendOutbox(): Promise<void> {
    for (;;) {
      await condition(() => !!this.s.outbox?.length);
      const mail = (this.s.outbox as MailRequest[])[0];
      this.tryingMail = true;
      const sent = await firstTryMailActivities.sendMail(mail).then(() => true, () => false);
      this.tryingMail = false;
      if (!sent) await mailActivities.sendMail(mail);
      this.s.outbox?.shift();
    }
  }

  // ---- handlers -------------------------------------------------------------------------

  private registerHandlers(): void {
    setHandler(reportQuery, () => this.snapshot());

    setHandler(
      saveDraftUpdate,
      (request) => this.exclusive(() => this.saveVersion(request.actor, request.contentHash, 'draft', false)),
      { validator: (request) => canWrite(this.s.status, this.s.people, request.actor) },
    );

    setHandler(
      submitUpdate,
      (request) =>
        this.exclusive(() => this.saveVersion(request.actor, request.contentHash, 'submission', request.acceptWarnings)),
      { validator: (request) => canWrite(this.s.status, this.s.people, request.actor) },
    );

    setHandler(
      startReviewUpdate,
      ({ actor }) =>
        this.exclusive(async () => {
          canStartReview(this.s.status, this.s.people, this.as(actor));
          await this.change(this.as(actor), 'report.review_started', { state: 'in_review' });
          return this.snapshot();
        }),
      { validator: ({ actor }) => canStartReview(this.s.status, this.s.people, this.as(actor)) },
    );

    setHandler(
      reviewUpdate,
      (request) =>
        this.exclusive(async () => {
          const actor = this.as(request.actor);
          const outcome = reviewOutcome(this.s.status, this.s.people, { ...request, actor });
          if (outcome === 'request_revision') await this.requestRevision(actor, request.comment ?? '', request.revisionDueAt);
          else if (outcome === 'pass') await this.passReview(actor, request.comment);
          else await this.approve(actor, request.rating as Rating, request.comment);
          return this.snapshot();
        }),
      { validator: (request) => void reviewOutcome(this.s.status, this.s.people, { ...request, actor: this.as(request.actor) }) },
    );

    setHandler(
      changeRoleUpdate,
      (request) =>
        this.exclusive(async () => {
          canAdminister(this.s.status, this.s.people, request.actor, ['更换联系人', 'changed']);
          const stamp = this.stamp(request.actor, `report.${request.role}_changed`, { from: this.s.people[request.role] ?? null, to: request.toEmail });
          await this.records().changeReportRole({ reportId: this.s.reportId, role: request.role, toEmail: request.toEmail, toName: request.toName, stamp });
          this.s.people = { ...this.s.people, [request.role]: request.toEmail.toLowerCase() };
          return this.snapshot();
        }),
      { validator: (request) => canAdminister(this.s.status, this.s.people, request.actor, ['更换联系人', 'changed']) },
    );

    setHandler(
      delegateUpdate,
      (request) =>
        this.exclusive(async () => {
          assertAdmin(this.s.people, request.actor);
          const delegation: Delegation = { from: request.from.toLowerCase(), to: request.to.toLowerCase(), until: request.until };
          await this.change(request.actor, 'report.delegated', {}, { ...delegation });
          this.s.delegations = [...(this.s.delegations ?? []).filter((d) => Date.parse(d.until) > Date.now()), delegation];
          return this.snapshot();
        }),
      {
        validator: (request) => {
          assertAdmin(this.s.people, request.actor);
          assertFutureDate(request.until, Date.now());
        },
      },
    );

    setHandler(
      extendUpdate,
      (request) => this.exclusive(() => this.extend(request.actor, request.until)),
      {
        validator: (request) => {
          canAdminister(this.s.status, this.s.people, request.actor, ['延期', 'extended']);
          assertFutureDate(request.until, Date.now());
        },
      },
    );

    setHandler(
      reassignUpdate,
      (request) => this.exclusive(() => this.reassign(request.actor, request.toEmail, request.toName)),
      { validator: (request) => canAdminister(this.s.status, this.s.people, request.actor, ['转交', 'reassigned']) },
    );

    setHandler(
      exemptUpdate,
      (request) =>
        this.exclusive(async () => {
          canAdminister(this.s.status, this.s.people, request.actor, ['免于述职', 'exempted']);
          await this.change(request.actor, `report.${request.kind}`, { state: request.kind, reviewDueAt: null }, { reason: request.reason });
          return this.snapshot();
        }),
      { validator: (request) => canAdminister(this.s.status, this.s.people, request.actor, ['免于述职', 'exempted']) },
    );

    setHandler(
      remindNowUpdate,
      ({ actor }) => this.exclusive(() => this.remindNow(actor)),
      { validator: ({ actor }) => canAdminister(this.s.status, this.s.people, actor, ['提醒', 'reminded']) },
    );

    setHandler(closeSignal, ({ actor }) => {
      void this.exclusive(() => this.close(actor));
    });
  }

  /** The actor as the rules see them, standing in for whoever delegated to them. */
  private as(actor: Actor): Actor {
    return effectiveActor(actor, this.s.delegations ?? [], Date.now());
  }

  /** Runs one change at a time, so a slow activity never interleaves with another change. */
  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    await condition(() => !this.busy);
    this.busy = true;
    try {
      return await work();
    } finally {
      this.busy = false;
      this.epoch += 1;
    }
  }

  // ---- transitions ----------------------------------------------------------------------

  private async saveVersion(actor: Actor, contentHash: string, kind: 'draft' | 'submission', acceptWarnings: boolean) {
    canWrite(this.s.status, this.s.people, actor); // the state may have moved while waiting for the lock
    const now = this.nowIso();
    const submitting = kind === 'submission';
    const reviewDueAt = submitting ? new Date(Date.now() + this.s.schedule.reviewSla).toISOString() : undefined;
    const nextState: ReportState = submitting ? 'submitted' : this.s.status === 'revision_requested' ? 'revision_requested' : 'drafting';
    const saved = await this.records().saveReportVersion({
      reportId: this.s.reportId,
      contentHash,
      kind,
      acceptWarnings,
      stamp: this.stamp(actor, submitting ? (this.s.revisionRound ? 'report.resubmitted' : 'report.submitted') : 'report.draft_saved'),
      patch: submitting
        ? { state: nextState, submittedAt: now, reviewDueAt, escalatedTo: null, escalatedAt: null }
        : { state: nextState },
    });
    this.s.latestVersion = saved.versionNumber;
    this.s.status = nextState;
    if (submitting) {
      this.s.submittedVersion = saved.versionNumber;
      this.s.submittedAt = now;
      this.s.reviewDueAt = reviewDueAt;
      this.replan();
    }
    return saved;
  }

  private async requestRevision(actor: Actor, comment: string, revisionDueAt?: string) {
    const dueAt = revisionDueAt ?? new Date(Date.now() + this.s.schedule.revisionPeriod).toISOString();
    const round = this.s.revisionRound + 1;
    await this.change(
      actor,
      'report.revision_requested',
      { state: 'revision_requested', revisionDueAt: dueAt, reviewDueAt: null, revisionRounds: round },
      { comment, revisionDueAt: dueAt },
      { decision: { decision: 'revision_requested', comment } },
    );
    this.s.revisionRound = round;
    this.s.revisionDueAt = dueAt;
    this.s.reviewDueAt = undefined;
    this.replan();
    await this.mail('revision_requested', this.s.people.secretary, `revision/${round}`, {
      version: String(this.s.submittedVersion ?? this.s.latestVersion),
      dueDate: this.formatDate(dueAt),
      comment,
    });
  }

  private async passReview(actor: Actor, comment?: string) {
    await this.change(actor, 'report.review_passed', { state: 'reviewed', reviewDueAt: null }, { comment }, {
      decision: { decision: 'passed', comment },
    });
    this.s.reviewDueAt = undefined;
  }

  private async approve(actor: Actor, rating: Rating, comment?: string) {
    const now = this.nowIso();
    await this.change(actor, 'report.approved', { state: 'approved', approvedAt: now, rating, reviewDueAt: null }, { rating, comment }, {
      decision: { decision: 'approved', comment },
      rating,
    });
    this.s.rating = rating;
    this.s.reviewDueAt = undefined;
    await this.mail('approved', this.s.people.secretary, 'approved', { rating, comment: comment ?? '' });
  }

  private async extend(actor: Actor, until: string) {
    canAdminister(this.s.status, this.s.people, actor, ['延期', 'extended']);
    const inRevision = this.s.revisionRound > 0 && this.s.status === 'revision_requested';
    const patch: ReportPatch = inRevision ? { revisionDueAt: until } : { dueAt: until };
    await this.change(actor, 'report.extended', { ...patch, escalatedTo: null, escalatedAt: null }, { until, previous: currentDeadline(this.timerState()) });
    if (inRevision) this.s.revisionDueAt = until;
    else this.s.dueAt = until;
    this.replan();
    await this.mail('extension', this.s.people.secretary, `extension/${this.s.step}`, { dueDate: this.formatDate(until) });
    return this.snapshot();
  }

  private async reassign(actor: Actor, toEmail: string, toName?: string) {
    canAdminister(this.s.status, this.s.people, actor, ['转交', 'reassigned']);
    const previous = this.s.people.secretary;
    const stamp = this.stamp(actor, 'report.reassigned', { from: previous, to: toEmail });
    await this.records().reassignSecretary({ reportId: this.s.reportId, toEmail, toName, stamp });
    this.s.people = { ...this.s.people, secretary: toEmail.toLowerCase() };
    const step = `reassign/${this.s.step}`;
    await this.mail('assignment', this.s.people.secretary, step, { dueDate: this.formatDate(currentDeadline(this.timerState())) });
    await this.mail('reassignment', previous, step, { newSecretaryName: toName ?? toEmail });
    return this.snapshot();
  }

  private async remindNow(actor: Actor) {
    canAdminister(this.s.status, this.s.people, actor, ['提醒', 'reminded']);
    const reviewing = REVIEW_STATES.includes(this.s.status);
    const to = (reviewing ? this.s.people.reviewer : this.s.people.secretary) ?? this.s.people.secretary;
    const left = Date.parse(currentDeadline(this.timerState())) - Date.now();
    await this.change(actor, 'report.reminded_now', {}, { to: [to] });
    await this.mail(
      reviewing ? 'review_reminder' : 'reminder',
      to,
      `remind-now/${this.s.step}`,
      reviewing ? {} : { timeLeftMs: String(Math.max(left, 0)), overdue: left < 0 ? 'yes' : 'no' },
    );
    return this.snapshot();
  }

  private async close(actor: Actor) {
    if (this.closed) return;
    const settled: ReportState[] = ['approved', 'exempted', 'withdrawn'];
    if (!settled.includes(this.s.status)) {
      await this.change(actor, 'report.closed', { state: 'closed', reviewDueAt: null }, {
        stateAtClose: this.s.status,
        neverSubmitted: this.s.submittedVersion === undefined,
      });
    }
    this.closed = true;
  }

  // ---- reminders and escalations --------------------------------------------------------

  private async fire(timer: Timer) {
    if (this.s.firedTimers.includes(timer.key)) return;
    const deadline = currentDeadline(this.timerState());
    const daysOverdue = String(Math.max(1, Math.round((Date.now() - Date.parse(deadline)) / DAY)));
    const people = this.s.people;
    switch (timer.kind) {
      case 'reminder':
        await this.notice('report.reminded', timer, 'reminder', [people.secretary], { timeLeftMs: String(timer.offset ?? 0) });
        break;
      case 'overdue_weekly':
        await this.notice('report.overdue_reminded', timer, 'reminder', [people.secretary], { overdue: 'yes' });
        break;
      case 'escalate_liaison':
        await this.notice('report.escalated', timer, 'escalation', [people.liaison ?? ''], { daysOverdue }, 'liaison');
        break;
      case 'escalate_party_group_secretary':
        await this.notice('report.escalated', timer, 'escalation', [people.partyGroupSecretary ?? ''], { daysOverdue }, 'party_group_secretary');
        break;
      case 'review_reminder':
        await this.notice('report.review_reminded', timer, 'review_reminder', [people.reviewer ?? ''], {});
        break;
      case 'review_escalation':
        await this.notice('report.review_escalated', timer, 'review_escalation', people.admins, {}, 'admins');
        break;
    }
    this.s.firedTimers.push(timer.key);
  }

  private async notice(action: string, timer: Timer, kind: MailKind, recipients: string[], values: Record<string, string>, escalatedTo?: string) {
    const to = recipients.filter(Boolean);
    const at = new Date(timer.at).toISOString();
    await this.change(SYSTEM, action, escalatedTo ? { escalatedTo, escalatedAt: at } : {}, { timer: timer.key, to }, {}, at);
    for (const recipient of to) {
      await this.mail(kind, recipient, `timer/${timer.key}`, values, at);
    }
  }

  // ---- helpers --------------------------------------------------------------------------

  /** Where the record is written: in this workflow task (local activities) unless the history predates that. */
  private records() {
    return patched(LOCAL_CHANGES_PATCH) ? localRecordActivities : recordActivities;
  }

  private mails() {
    return patched(LOCAL_CHANGES_PATCH) ? localMailActivities : mailActivities;
  }

  private async change(
    actor: ChangeStamp['actor'],
    action: string,
    patch: ReportPatch,
    detail: Record<string, unknown> = {},
    extra: { decision?: { decision: 'revision_requested' | 'passed' | 'approved'; comment?: string }; rating?: Rating } = {},
    occurredAt?: string,
  ) {
    await this.records().recordReportChange({
      reportId: this.s.reportId,
      stamp: this.stamp(actor, action, detail, occurredAt),
      patch,
      versionNumber: this.s.submittedVersion ?? (this.s.latestVersion || undefined),
      ...extra,
    });
    if (patch.state) this.s.status = patch.state;
  }

  private stamp(actor: ChangeStamp['actor'], action: string, detail: Record<string, unknown> = {}, occurredAt?: string): ChangeStamp {
    this.s.step += 1;
    return {
      auditKey: `${workflowInfo().workflowId}/step/${this.s.step}`,
      occurredAt: occurredAt ?? this.nowIso(),
      actor,
      action,
      detail,
    };
  }

  /** Asks for a mail: put in the outbox, or, in histories from before MAIL_OUTBOX_PATCH, sent before going on. */
  private async mail(kind: MailKind, to: string, key: string, values: Record<string, string>, requestedAt?: string) {
    const request: MailRequest = {
      idempotencyKey: `${workflowInfo().workflowId}/${key}/${kind}/${to}`,
      kind,
      toEmail: to,
      seasonId: this.input.seasonId,
      reportId: this.s.reportId,
      requestedAt: requestedAt ?? this.nowIso(),
      values: {
        seasonTitle: this.input.seasonTitle,
        branchName: this.input.branchName,
        timeZone: this.input.timeZone,
        secretaryName: this.s.people.secretary,
        reviewerEmail: this.s.people.reviewer ?? '',
        dueDate: this.formatDate(currentDeadline(this.timerState())),
        submittedAt: this.s.submittedAt ? this.formatDate(this.s.submittedAt) : '',
        reviewDue: this.s.reviewDueAt ? this.formatDate(this.s.reviewDueAt) : '',
        linkPath: `/reports/${encodeURIComponent(this.s.reportId)}`,
        ...values,
      },
    };
    if (patched(MAIL_OUTBOX_PATCH)) (this.s.outbox ??= []).push(request);
    else await this.mails().sendMail(request);
  }

  /** A new deadline: reminders already past are skipped, and old timer keys are forgotten. */
  private replan() {
    this.s.plannedAt = Date.now();
    const live = new Set([currentDeadline(this.timerState()), this.s.reviewDueAt ?? ''].filter(Boolean));
    this.s.firedTimers = this.s.firedTimers.filter((key) => [...live].some((deadline) => key.includes(deadline)));
  }

  private timerState() {
    return {
      status: this.s.status,
      dueAt: this.s.dueAt,
      revisionDueAt: this.s.revisionDueAt,
      revisionRound: this.s.revisionRound,
      reviewDueAt: this.s.reviewDueAt,
      plannedAt: this.s.plannedAt,
      firedTimers: this.s.firedTimers,
      hasLiaison: !!this.s.people.liaison,
      hasPartyGroupSecretary: !!this.s.people.partyGroupSecretary,
    };
  }

  private snapshot(): ReportSnapshot {
    const timer = this.closed ? undefined : nextTimer(this.timerState(), this.s.schedule);
    return {
      reportId: this.s.reportId,
      seasonId: this.input.seasonId,
      branchId: this.input.branchId,
      state: this.s.status,
      secretaryEmail: this.s.people.secretary,
      reviewerEmail: this.s.people.reviewer,
      dueAt: this.s.dueAt,
      revisionDueAt: this.s.revisionDueAt,
      reviewDueAt: this.s.reviewDueAt,
      latestVersion: this.s.latestVersion,
      submittedVersion: this.s.submittedVersion,
      revisionRound: this.s.revisionRound,
      rating: this.s.rating,
      nextTimer: timer ? { kind: timer.kind, at: new Date(timer.at).toISOString() } : undefined,
    };
  }

  /**
   * A report that passed review waits, often for days, for leadership, who approve a season's
   * reports in bulk. A report that has left the worker's cache by then replays its whole run
   * before it can be approved, so it waits in a fresh run that carries only its state.
   */
  private awaitsApprovalInLongRun(): boolean {
    return this.s.status === 'reviewed' && workflowInfo().historyLength > SHORT_RUN_EVENTS && patched(APPROVAL_IN_FRESH_RUN_PATCH);
  }

  private historyIsLong(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength > (this.input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS);
  }

  private formatDate(iso: string): string {
    return formatInZone(new Date(iso), this.input.timeZone);
  }

  private nowIso(): string {
    return new Date(Date.now()).toISOString();
  }
}
