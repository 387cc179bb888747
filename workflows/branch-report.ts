// One workflow per branch per season: carries the branch's report from assignment to approval,
// reminds and escalates on the season's schedule, and settles it when the season closes.
//
// Every act is recorded under the key that identifies it: a request under its Update's id (which
// Temporal keeps when a workflow task is retried), a reminder under its timer's own key. A retried
// attempt therefore finds its act recorded and takes the recorded result, and a different act can
// never be taken for a retry. The workflow keeps its chain of the record's head in its state, so
// Temporal's history witnesses the record.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  ChangeStamp,
  MailRequest,
  RecordedAct,
  RecordHead,
  ReportPatch,
  ReportPeople,
  ScheduleMs,
  SeasonRules,
  StampActor,
  UnseenEvent,
} from '../domain/messages';
import { REVIEW_STATES, type MailKind, type Rating, type ReportState } from '../domain/vocabulary';
import { formatInZone } from '../domain/time';
import { assignmentActivities, firstTryMailActivities, localRecordActivities, mailActivities } from './activity-stubs';
import {
  changeRoleUpdate,
  closeSignal,
  delegateUpdate,
  exemptUpdate,
  extendUpdate,
  reassignUpdate,
  remindNowUpdate,
  reportQuery,
  reviewUpdate,
  saveDraftUpdate,
  submitUpdate,
  type Actor,
  type Delegation,
  type ReportSnapshot,
  type ReviewRequest,
  type SaveDraftRequest,
  type SubmitRequest,
  type VersionSaved,
} from './report-api';
import {
  assertAdmin,
  assertDutiesSeparate,
  assertFutureDate,
  assertReportSize,
  canAdminister,
  canWrite,
  effectiveActor,
  reviewOutcome,
} from './report-rules';
import { currentDeadline, dueTimers, nextTimer, noticesFor, type Notice, type Timer, type TimerKind } from './report-timers';

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
  rules: SeasonRules;
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
  /** Who acts for a reviewer or leader, until when. */
  delegations?: Delegation[];
  /** Mail asked for but not yet taken by SMTP, oldest first. */
  outbox: MailRequest[];
  /** Every mail this report has asked for, sent or waiting. */
  mailsAsked: number;
  /** The report's chain of the record, as this workflow wrote it. */
  record: RecordHead;
}

export interface BranchReportResult {
  reportId: string;
  state: ReportState;
  record: RecordHead;
  mailsAsked: number;
}

/** Continue as new well before Temporal's 10,240-event warning. */
const DEFAULT_MAX_HISTORY_EVENTS = 2_000;
/** A run this short costs little to replay, so waiting for approval in it needs no fresh one. */
const SHORT_RUN_EVENTS = 20;
const SYSTEM: StampActor = { email: 'system', channel: 'workflow' };
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export async function branchReportWorkflow(input: BranchReportInput): Promise<BranchReportResult> {
  const lifecycle = new ReportLifecycle(input);
  // Before the first await: a request that arrives with the start (a secretary who opens the mail
  // at once) waits for the assignment instead of being refused for want of a handler.
  lifecycle.registerHandlers();
  return lifecycle.run(input.carried ?? (await assign(input)));
}

/** The first task: the report's row and its first event, then the secretary's assignment mail. */
async function assign(input: BranchReportInput): Promise<CarriedState> {
  const { workflowId, startTime } = workflowInfo();
  const key = `${workflowId}/assigned`;
  const assignment = await assignmentActivities.recordAssignment({
    seasonId: input.seasonId,
    branchId: input.branchId,
    occurredAt: iso(startTime.getTime()),
    auditKey: key,
  });
  await assignmentActivities.sendMail({
    idempotencyKey: `${key}/assignment/${assignment.secretaryEmail}`,
    kind: 'assignment',
    toEmail: assignment.secretaryEmail,
    seasonId: input.seasonId,
    reportId: assignment.reportId,
    requestedAt: iso(startTime.getTime()),
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
    people: assignment.people,
    schedule: assignment.schedule,
    rules: assignment.rules,
    status: 'assigned',
    dueAt: assignment.dueAt,
    latestVersion: 0,
    revisionRound: 0,
    plannedAt: Date.now(),
    firedTimers: [],
    outbox: [],
    mailsAsked: 1,
    record: assignment.head,
  };
}

/** A change as planned at a moment: the read model's patch, the record's detail, the new state. */
interface Planned {
  patch: ReportPatch;
  detail?: Record<string, unknown>;
  next?: Partial<CarriedState>;
  decision?: { decision: 'revision_requested' | 'passed' | 'approved'; comment?: string };
  rating?: Rating;
}

/** What each timer's notice is: its record, its mail and who gets it. */
const NOTICES: Record<TimerKind, { action: string; mail: MailKind; to: (p: ReportPeople) => (string | undefined)[]; escalatedTo?: string }> = {
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

class ReportLifecycle {
  /** Set once the report is assigned (or carried over): requests wait for it. */
  private s!: CarriedState;
  private ready = false;
  private closed = false;
  /** Bumped on every change, so the timer wait wakes up and re-plans. */
  private epoch = 0;
  /** One change at a time: a handler that awaits an activity holds it. */
  private busy = false;
  /** The outbox's first try of a mail is running in this workflow task. */
  private tryingMail = false;

  constructor(private readonly input: BranchReportInput) {}

  async run(state: CarriedState): Promise<BranchReportResult> {
    this.s = state;
    this.ready = true;
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
      if (!changed && timer) await this.exclusive(() => this.fireDueTimers());
    }
    await condition(() => allHandlersFinished() && !this.s.outbox.length);
    return { reportId: this.s.reportId, state: this.s.status, record: this.s.record, mailsAsked: this.s.mailsAsked };
  }

  /**
   * Sends the outbox's mail in order, each until SMTP takes it. The first try runs in the workflow
   * task of the change that asked for it, so a change and its mail still cost one task; a mail it
   * could not send is retried by Temporal with backoff while the report goes on taking requests.
   * The first try takes the change lock: two local activities in flight at once complete in an
   * order no replay can reproduce, and a request completed between them made the history
   * unreplayable (found by test/integration/record-faults.test.ts).
   */
  private async sendOutbox(): Promise<void> {
    for (;;) {
      await condition(() => this.s.outbox.length > 0);
      const mail = this.s.outbox[0] as MailRequest;
      const sent = await this.exclusive(async () => {
        this.tryingMail = true;
        try {
          return await firstTryMailActivities.sendMail(mail).then(
            () => true,
            () => false,
          );
        } finally {
          this.tryingMail = false;
        }
      });
      if (!sent) await mailActivities.sendMail(mail);
      this.s.outbox.shift();
    }
  }

  // ---- handlers -------------------------------------------------------------------------

  /**
   * Every request's validator answers at once; before the report is assigned there is nothing to
   * check against yet, so the request is taken and its handler checks it once the report is ready.
   */
  registerHandlers(): void {
    setHandler(reportQuery, () => {
      if (!this.ready) throw new Error('the report is being assigned; ask again in a moment');
      return this.snapshot();
    });

    setHandler(saveDraftUpdate, (request) => this.act((key) => this.saveVersion(key, request, 'draft')), {
      validator: (request) => {
        if (!this.ready) return;
        canWrite(this.s.status, this.s.people, request.actor);
        assertReportSize(request.size);
      },
    });

    setHandler(submitUpdate, (request) => this.act((key) => this.saveVersion(key, request, 'submission')), {
      validator: (request) => {
        if (!this.ready) return;
        canWrite(this.s.status, this.s.people, request.actor);
        assertReportSize(request.size);
      },
    });

    setHandler(reviewUpdate, (request) => this.act((key) => this.review(key, request)), {
      validator: (request) => void (this.ready && reviewOutcome(this.s.status, this.s.people, this.s.rules, { ...request, actor: this.as(request.actor) })),
    });

    setHandler(
      changeRoleUpdate,
      (request) =>
        this.act(async (key) => {
          const people = { ...this.s.people, [request.role]: request.toEmail.toLowerCase() };
          canAdminister(this.s.status, this.s.people, request.actor, ['更换联系人', 'changed']);
          assertDutiesSeparate(people);
          const detail = { from: this.s.people[request.role] ?? null, to: request.toEmail };
          const stamp = this.stamp(key, request.actor, `report.${request.role}_changed`, Date.now(), detail);
          this.settle(await localRecordActivities.changeReportRole({ reportId: this.s.reportId, role: request.role, toEmail: request.toEmail, toName: request.toName, stamp }));
          this.s.people = people;
          return this.snapshot();
        }),
      {
        validator: (request) => {
          if (!this.ready) return;
          canAdminister(this.s.status, this.s.people, request.actor, ['更换联系人', 'changed']);
          assertDutiesSeparate({ ...this.s.people, [request.role]: request.toEmail.toLowerCase() });
        },
      },
    );

    setHandler(
      delegateUpdate,
      (request) =>
        this.act(async (key) => {
          assertAdmin(this.s.people, request.actor);
          const delegation: Delegation = { from: request.from.toLowerCase(), to: request.to.toLowerCase(), until: request.until };
          await this.commit(key, request.actor, 'report.delegated', (at) => ({
            patch: {},
            detail: { ...delegation },
            next: { delegations: [...(this.s.delegations ?? []).filter((d) => Date.parse(d.until) > at), delegation] },
          }));
          return this.snapshot();
        }),
      {
        validator: (request) => {
          if (!this.ready) return;
          assertAdmin(this.s.people, request.actor);
          assertFutureDate(request.until, Date.now());
        },
      },
    );

    setHandler(extendUpdate, (request) => this.act((key) => this.extend(key, request.actor, request.until)), {
      validator: (request) => {
        assertFutureDate(request.until, Date.now());
        if (this.ready) canAdminister(this.s.status, this.s.people, request.actor, ['延期', 'extended']);
      },
    });

    setHandler(reassignUpdate, (request) => this.act((key) => this.reassign(key, request.actor, request.toEmail, request.toName)), {
      validator: (request) => {
        if (!this.ready) return;
        canAdminister(this.s.status, this.s.people, request.actor, ['转交', 'reassigned']);
        assertDutiesSeparate({ ...this.s.people, secretary: request.toEmail.toLowerCase() });
      },
    });

    setHandler(
      exemptUpdate,
      (request) =>
        this.act(async (key) => {
          canAdminister(this.s.status, this.s.people, request.actor, ['免于述职', 'exempted']);
          await this.commit(key, request.actor, `report.${request.kind}`, () => ({
            patch: { state: request.kind, reviewDueAt: null },
            detail: { reason: request.reason },
          }));
          return this.snapshot();
        }),
      { validator: (request) => void (this.ready && canAdminister(this.s.status, this.s.people, request.actor, ['免于述职', 'exempted'])) },
    );

    setHandler(remindNowUpdate, ({ actor }) => this.act((key) => this.remindNow(key, actor)), {
      validator: ({ actor }) => void (this.ready && canAdminister(this.s.status, this.s.people, actor, ['提醒', 'reminded'])),
    });

    setHandler(closeSignal, ({ actor }) => {
      void this.exclusive(() => this.close(actor));
    });
  }

  /**
   * Runs a request's work under its act key: the Update's id, which stays the same when Temporal
   * retries the workflow task that carried it, and differs for every other request.
   */
  private act<T>(work: (key: string) => Promise<T>): Promise<T> {
    const update = currentUpdateInfo();
    if (!update) throw new Error('a request handler ran outside an Update');
    const key = `${workflowInfo().workflowId}/update/${update.id}`;
    return this.exclusive(() => work(key));
  }

  /** The actor as the rules see them, standing in for whoever delegated to them. */
  private as(actor: Actor): Actor {
    if (!this.ready) return actor;
    return effectiveActor(actor, this.s.delegations ?? [], Date.now());
  }

  /** Runs one change at a time, once the report is assigned, so a slow activity never interleaves with another change. */
  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    await condition(() => this.ready && !this.busy);
    this.busy = true;
    try {
      return await work();
    } finally {
      this.busy = false;
      this.epoch += 1;
    }
  }

  // ---- transitions ----------------------------------------------------------------------

  private async saveVersion(key: string, request: SaveDraftRequest | SubmitRequest, kind: 'draft' | 'submission'): Promise<VersionSaved> {
    canWrite(this.s.status, this.s.people, request.actor); // the state may have moved while waiting for the lock
    const submitting = kind === 'submission';
    const plan = (at: number): Planned => {
      if (!submitting) return { patch: { state: this.s.status === 'revision_requested' ? 'revision_requested' : 'drafting' } };
      const reviewDueAt = iso(at + this.s.schedule.reviewSla);
      return {
        patch: { state: 'submitted', submittedAt: iso(at), reviewDueAt, escalatedTo: null, escalatedAt: null },
        next: { submittedAt: iso(at), reviewDueAt },
      };
    };
    const now = Date.now();
    const action = submitting ? (this.s.revisionRound ? 'report.resubmitted' : 'report.submitted') : 'report.draft_saved';
    const saved = await localRecordActivities.saveReportVersion({
      reportId: this.s.reportId,
      contentHash: request.contentHash,
      kind,
      acceptWarnings: 'acceptWarnings' in request ? request.acceptWarnings : false,
      stamp: this.stamp(key, request.actor, action, now),
      patch: plan(now).patch,
    });
    const { at } = this.settle(saved, plan);
    const versionNumber = saved.versionNumber as number;
    this.s.latestVersion = versionNumber;
    if (submitting) {
      this.s.submittedVersion = versionNumber;
      this.replan(at);
    }
    return { versionNumber, warnings: saved.warnings, warningCount: saved.warningCount, figures: saved.figures };
  }

  private async review(key: string, request: ReviewRequest): Promise<ReportSnapshot> {
    const actor = this.as(request.actor);
    const outcome = reviewOutcome(this.s.status, this.s.people, this.s.rules, { ...request, actor });
    if (outcome === 'request_revision') await this.requestRevision(key, actor, request.comment ?? '', request.revisionDueAt);
    else if (outcome === 'pass') await this.passReview(key, actor, request.comment);
    else await this.approve(key, actor, request.rating as Rating, request.comment, request.reason);
    return this.snapshot();
  }

  private async requestRevision(key: string, actor: Actor, comment: string, revisionDueAt?: string) {
    const round = this.s.revisionRound + 1;
    const { at } = await this.commit(key, actor, 'report.revision_requested', (at) => {
      const dueAt = revisionDueAt ?? iso(at + this.s.schedule.revisionPeriod);
      return {
        patch: { state: 'revision_requested', revisionDueAt: dueAt, reviewDueAt: null, revisionRounds: round },
        detail: { comment, revisionDueAt: dueAt },
        decision: { decision: 'revision_requested', comment },
        next: { revisionRound: round, revisionDueAt: dueAt, reviewDueAt: undefined },
      };
    });
    this.replan(at);
    this.mail(key, 'revision_requested', this.s.people.secretary, at, {
      version: String(this.s.submittedVersion ?? this.s.latestVersion),
      dueDate: this.formatDate(this.s.revisionDueAt as string),
      comment,
    });
  }

  private async passReview(key: string, actor: Actor, comment?: string) {
    await this.commit(key, actor, 'report.review_passed', () => ({
      patch: { state: 'reviewed', reviewDueAt: null },
      detail: { comment },
      decision: { decision: 'passed', comment },
      next: { reviewDueAt: undefined },
    }));
  }

  private async approve(key: string, actor: Actor, rating: Rating, comment?: string, reason?: string) {
    const unreviewed = REVIEW_STATES.includes(this.s.status);
    const { at } = await this.commit(key, actor, 'report.approved', (at) => ({
      patch: { state: 'approved', approvedAt: iso(at), rating, reviewDueAt: null },
      detail: { rating, comment, ...(unreviewed ? { unreviewed: true, reason } : {}) },
      decision: { decision: 'approved', comment },
      rating,
      next: { rating, reviewDueAt: undefined },
    }));
    this.mail(key, 'approved', this.s.people.secretary, at, { rating, comment: comment ?? '' });
  }

  private async extend(key: string, actor: Actor, until: string) {
    canAdminister(this.s.status, this.s.people, actor, ['延期', 'extended']);
    const inRevision = this.s.revisionRound > 0 && this.s.status === 'revision_requested';
    const { at } = await this.commit(key, actor, 'report.extended', () => ({
      patch: { ...(inRevision ? { revisionDueAt: until } : { dueAt: until }), escalatedTo: null, escalatedAt: null },
      detail: { until, previous: currentDeadline(this.timerState()), ...(inRevision ? { revision: true } : {}) },
      next: inRevision ? { revisionDueAt: until } : { dueAt: until },
    }));
    this.replan(at);
    this.mail(key, 'extension', this.s.people.secretary, at, { dueDate: this.formatDate(until) });
    return this.snapshot();
  }

  private async reassign(key: string, actor: Actor, toEmail: string, toName?: string) {
    canAdminister(this.s.status, this.s.people, actor, ['转交', 'reassigned']);
    const previous = this.s.people.secretary;
    const stamp = this.stamp(key, actor, 'report.reassigned', Date.now(), { from: previous, to: toEmail });
    const { at } = this.settle(await localRecordActivities.reassignSecretary({ reportId: this.s.reportId, toEmail, toName, stamp }));
    this.s.people = { ...this.s.people, secretary: toEmail.toLowerCase() };
    this.mail(key, 'assignment', this.s.people.secretary, at, { dueDate: this.formatDate(currentDeadline(this.timerState())) });
    this.mail(key, 'reassignment', previous, at, { newSecretaryName: toName ?? toEmail });
    return this.snapshot();
  }

  private async remindNow(key: string, actor: Actor) {
    canAdminister(this.s.status, this.s.people, actor, ['提醒', 'reminded']);
    const reviewing = REVIEW_STATES.includes(this.s.status);
    const to = (reviewing ? this.s.people.reviewer : this.s.people.secretary) ?? this.s.people.secretary;
    const { at } = await this.commit(key, actor, 'report.reminded_now', () => ({ patch: {}, detail: { to: [to] } }));
    const left = Date.parse(currentDeadline(this.timerState())) - at;
    this.mail(key, reviewing ? 'review_reminder' : 'reminder', to, at, reviewing ? {} : { timeLeftMs: String(Math.max(left, 0)), overdue: left < 0 ? 'yes' : 'no' });
    return this.snapshot();
  }

  private async close(actor: Actor) {
    if (this.closed) return;
    const settled: ReportState[] = ['approved', 'exempted', 'withdrawn'];
    if (!settled.includes(this.s.status)) {
      await this.commit(`${workflowInfo().workflowId}/close`, actor, 'report.closed', () => ({
        patch: { state: 'closed', reviewDueAt: null },
        detail: { stateAtClose: this.s.status, neverSubmitted: this.s.submittedVersion === undefined },
        next: { reviewDueAt: undefined },
      }));
    }
    this.closed = true;
  }

  // ---- reminders and escalations --------------------------------------------------------

  /** Sends what fell due: one notice per audience, even when the worker comes back after an outage. */
  private async fireDueTimers() {
    if (this.closed) return;
    let due = dueTimers(this.timerState(), this.s.schedule, Date.now());
    if (due.length > 1) due = await this.withoutNoticesSentAlready(due);
    for (const notice of noticesFor(due)) await this.notice(notice);
  }

  /**
   * Which notices fall due depends on when the task runs. A task that sent a notice and died before
   * Temporal heard of it is run again later, when more may be due, and would choose another notice
   * for the same person: so when several are due, the record is asked which were sent already, and
   * those are taken as sent (found by test/integration/record-faults.test.ts). One due timer needs
   * no asking: an earlier attempt could only have sent that one, under the same key.
   */
  private async withoutNoticesSentAlready(due: Timer[]): Promise<Timer[]> {
    const found = await localRecordActivities.findRecordedNotices({ reportId: this.s.reportId, keys: due.map((timer) => this.noticeKey(timer)) });
    if (!found.notices.length) return due;
    const sent = new Set<string>();
    for (const notice of found.notices) {
      const timer = due.find((t) => this.noticeKey(t) === notice.key) as Timer;
      this.told(timer, notice.missed, Date.parse(notice.occurredAt));
      for (const key of [timer.key, ...notice.missed]) sent.add(key);
    }
    if (found.head) this.s.record = found.head;
    return due.filter((timer) => !sent.has(timer.key));
  }

  private noticeKey(timer: Timer): string {
    return `${workflowInfo().workflowId}/timer/${timer.key}`;
  }

  /** A reminder or escalation, recorded when it was sent, with the moment it was planned for. */
  private async notice({ timer, missed }: Notice) {
    const spec = NOTICES[timer.kind];
    const to = spec.to(this.s.people).filter((email): email is string => !!email);
    const { at } = await this.commit(this.noticeKey(timer), SYSTEM, spec.action, (at) => ({
      patch: spec.escalatedTo ? { escalatedTo: spec.escalatedTo, escalatedAt: iso(at) } : {},
      detail: { timer: timer.key, kind: timer.kind, plannedAt: iso(timer.at), to, ...(missed.length ? { missed: missed.map((t) => t.key) } : {}) },
    }));
    this.told(timer, missed.map((t) => t.key), at);
  }

  /** A notice recorded at `at`: its timers are done, and its mail is asked for (once per key, whoever asks). */
  private told(timer: Timer, missed: string[], at: number, recipients?: string[]) {
    const spec = NOTICES[timer.kind];
    const to = recipients ?? spec.to(this.s.people).filter((email): email is string => !!email);
    this.s.firedTimers.push(...missed, timer.key);
    const deadline = Date.parse(currentDeadline(this.timerState()));
    // A reminder sent late, after its deadline, says the report is overdue rather than "1 hour left".
    const overdue = timer.kind === 'overdue_weekly' || (timer.kind === 'reminder' && at >= deadline);
    const values: Record<string, string> = {
      ...(timer.kind === 'reminder' && !overdue ? { timeLeftMs: String(deadline - at) } : {}),
      ...(overdue ? { overdue: 'yes' } : {}),
      ...(spec.mail === 'escalation' ? { daysOverdue: String(Math.max(1, Math.round((at - deadline) / DAY))) } : {}),
      ...(missed.length ? { missed: String(missed.length) } : {}),
    };
    // The mail is due at the timer's moment (SentMail.requestedAt); the record says when it was sent.
    for (const recipient of to) this.mail(this.noticeKey(timer), spec.mail, recipient, timer.at, values);
  }

  // ---- the record -----------------------------------------------------------------------

  /**
   * Records one change and applies it. The plan is a function of the act's moment: a retried act
   * takes the moment first recorded, so the workflow's state and the read model agree.
   */
  private async commit(key: string, actor: StampActor, action: string, plan: (at: number) => Planned): Promise<{ at: number }> {
    const now = Date.now();
    const planned = plan(now);
    const recorded = await localRecordActivities.recordReportChange({
      reportId: this.s.reportId,
      stamp: this.stamp(key, actor, action, now, planned.detail),
      patch: planned.patch,
      versionNumber: this.s.submittedVersion ?? (this.s.latestVersion || undefined),
      decision: planned.decision,
      rating: planned.rating,
    });
    return this.settle(recorded, plan);
  }

  /** Takes the recorded act into the state: the record's new head, and the plan as of the act's moment. */
  private settle(recorded: RecordedAct, plan?: (at: number) => Planned): { at: number } {
    for (const event of recorded.unseen ?? []) this.adopt(event);
    const at = Date.parse(recorded.occurredAt);
    this.s.record = recorded.head;
    if (plan) {
      const planned = plan(at);
      Object.assign(this.s, planned.next ?? {});
      if (planned.patch.state) this.s.status = planned.patch.state;
    }
    return { at };
  }

  /**
   * An event a task wrote before it died unheard of: a notice it sent is taken as sent (its timers
   * done, its mail asked for under the same key, so never sent twice). Anything else is left for
   * `audit verify --deep` to name.
   */
  private adopt(event: UnseenEvent) {
    const detail = event.detail as { timer?: string; kind?: TimerKind; plannedAt?: string; missed?: string[]; to?: string[] };
    if (!event.key.includes('/timer/') || !detail.timer || !detail.kind || !detail.plannedAt) return;
    this.told({ key: detail.timer, kind: detail.kind, at: Date.parse(detail.plannedAt) }, detail.missed ?? [], Date.parse(event.occurredAt), detail.to);
  }

  private stamp(key: string, actor: StampActor, action: string, at: number, detail: Record<string, unknown> = {}): ChangeStamp {
    return { auditKey: key, knownHead: this.s.record, occurredAt: iso(at), actor, action, detail };
  }

  /** Asks for a mail, due at `dueAt`: it goes into the outbox, keyed by the act that asked for it. */
  private mail(actKey: string, kind: MailKind, to: string, dueAt: number, values: Record<string, string>) {
    this.s.mailsAsked += 1;
    this.s.outbox.push({
      idempotencyKey: `${actKey}/${kind}/${to}`,
      kind,
      toEmail: to,
      seasonId: this.input.seasonId,
      reportId: this.s.reportId,
      requestedAt: iso(dueAt),
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
    });
  }

  /** A new deadline: reminders already past are skipped, and old timer keys are forgotten. */
  private replan(at: number) {
    this.s.plannedAt = at;
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
      nextTimer: timer ? { kind: timer.kind, at: iso(timer.at) } : undefined,
      record: this.s.record,
      mail: { asked: this.s.mailsAsked, waiting: this.s.outbox.length },
    };
  }

  /**
   * A report that passed review waits, often for days, for leadership, who approve a season's
   * reports in bulk. A report that has left the worker's cache by then replays its whole run
   * before it can be approved, so it waits in a fresh run that carries only its state.
   */
  private awaitsApprovalInLongRun(): boolean {
    return this.s.status === 'reviewed' && workflowInfo().historyLength > SHORT_RUN_EVENTS;
  }

  private historyIsLong(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength > (this.input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS);
  }

  private formatDate(isoDate: string): string {
    return formatInZone(new Date(isoDate), this.input.timeZone);
  }
}
