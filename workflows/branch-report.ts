// One workflow per branch per season: carries the branch's report from assignment to approval,
// reminds and escalates on the season's schedule, and settles it when the season closes.
//
// Every act is recorded under the key that identifies it: a request under its Update's id (which
// Temporal keeps when a workflow task is retried), a reminder under its timer's own key. A retried
// attempt therefore finds its act recorded and takes the recorded result, and a different act can
// never be taken for a retry. The workflow keeps its chain of the record's head in its state, so
// Temporal's history witnesses the record.
import { allHandlersFinished, CancellationScope, condition, continueAsNew, currentUpdateInfo, setHandler, workflowInfo } from '@temporalio/workflow';
import { takeWhenFree } from './lock';
import type { ChangeStamp, MailRequest, RecordedAct, StampActor, UnseenEvent } from '../domain/messages';
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
  type BranchReportResult,
  type ReportSnapshot,
  type ReviewRequest,
  type SaveDraftRequest,
  type SubmitRequest,
  type VersionSaved,
} from '../domain/report-api';
import { formatInZone } from '../domain/time';
import { REVIEW_STATES, SETTLED_STATES, type MailKind, type Rating } from '../domain/vocabulary';
import { assignmentActivities, firstTryMailActivities, localRecordActivities, mailActivities } from './activity-stubs';
import { NextTimer } from './next-timer';
import { mailRequest, noticeValues, NOTICES, recipientsOf } from './report-mail';
import {
  assertAdmin,
  assertDutiesSeparate,
  assertExtension,
  assertFutureDate,
  assertReportSize,
  canAdminister,
  assertSomeoneToRemind,
  canWrite,
  effectiveActor,
  reviewOutcome,
} from './report-rules';
import { snapshotOf, timerStateOf, type BranchReportInput, type CarriedState } from './report-state';
import { AUDIENCE, currentDeadline, dueTimers, nextTimer, noticesFor, type Notice, type Timer, type TimerKind } from './report-timers';
import { extensionMoves, transition, type ReportAct } from './report-transitions';

export type { BranchReportInput, CarriedState } from './report-state';

/** Continue as new well before Temporal's 10,240-event warning. */
const DEFAULT_MAX_HISTORY_EVENTS = 2_000;
/** A notice recorded within this long of its moment counts as sent on time. */
const ON_TIME_MS = 60_000;
/** A run this short costs little to replay, so waiting for approval in it needs no fresh one. */
const SHORT_RUN_EVENTS = 20;
const SYSTEM: StampActor = { email: 'system', channel: 'workflow' };
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

class ReportLifecycle {
  /** Set once the report is assigned (or carried over): requests wait for it. */
  private s!: CarriedState;
  private ready = false;
  private closed = false;
  /** Bumped on every change, so the main loop looks again (a continue-as-new may be due). */
  private epoch = 0;
  /** The timer for the next reminder or escalation, moved by changes (workflows/next-timer.ts). */
  private timer!: NextTimer;
  /** One change at a time: a handler that awaits an activity holds it. */
  private busy = false;
  /** The outbox's first try of a mail is running in this workflow task. */
  private tryingMail = false;

  constructor(private readonly input: BranchReportInput) {}

  async run(state: CarriedState): Promise<BranchReportResult> {
    this.s = state;
    this.timer = new NextTimer(CancellationScope.current());
    this.planTimer();
    this.ready = true;
    void this.sendOutbox();
    while (!this.closed) {
      if (this.historyIsLong() || this.awaitsApprovalInLongRun()) {
        // Mail still waiting for SMTP goes along in the carried outbox; a first try is let finish.
        await condition(() => allHandlersFinished() && !this.tryingMail);
        await continueAsNew<typeof branchReportWorkflow>({ ...this.input, carried: this.s });
      }
      const epoch = this.epoch;
      await condition(() => this.timer.hasFired || this.epoch !== epoch || this.closed);
      if (this.timer.hasFired && !this.closed) {
        this.timer.take();
        const fired = await this.exclusive(() => this.fireDueTimers());
        // Fired early by the clock of the task that ran it: wait out the rest of the same plan.
        if (!fired) this.planTimer(true);
      }
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
          this.settle(
            await localRecordActivities.changeReportRole({
              reportId: this.s.reportId,
              role: request.role,
              toEmail: request.toEmail,
              toName: request.toName,
              stamp,
            }),
          );
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
          const delegation = { from: request.from.toLowerCase(), to: request.to.toLowerCase(), until: request.until };
          await this.commit(key, request.actor, 'report.delegated', { kind: 'delegated', delegation });
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
        if (!this.ready) return;
        canAdminister(this.s.status, this.s.people, request.actor, ['延期', 'extended']);
        this.assertExtends(request.until);
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
          await this.commit(key, request.actor, `report.${request.kind}`, { kind: request.kind, reason: request.reason });
          return this.snapshot();
        }),
      { validator: (request) => void (this.ready && canAdminister(this.s.status, this.s.people, request.actor, ['免于述职', 'exempted'])) },
    );

    setHandler(remindNowUpdate, ({ actor }) => this.act((key) => this.remindNow(key, actor)), {
      validator: ({ actor }) => {
        if (!this.ready) return;
        canAdminister(this.s.status, this.s.people, actor, ['提醒', 'reminded']);
        assertSomeoneToRemind(this.s.status);
      },
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
    await takeWhenFree(
      () => this.ready && !this.busy,
      () => (this.busy = true),
    );
    try {
      return await work();
    } finally {
      this.busy = false;
      this.epoch += 1;
      this.planTimer();
    }
  }

  /** Moves the timer to what the state now plans; called at the end of every change. */
  private planTimer(again = false): void {
    this.timer.plan(this.closed ? undefined : nextTimer(this.timerState(), this.s.schedule), Date.now(), again);
  }

  // ---- transitions ----------------------------------------------------------------------

  private async saveVersion(key: string, request: SaveDraftRequest | SubmitRequest, kind: 'draft' | 'submission'): Promise<VersionSaved> {
    canWrite(this.s.status, this.s.people, request.actor); // the state may have moved while waiting for the lock
    const submitting = kind === 'submission';
    const act: ReportAct = { kind: submitting ? 'submitted' : 'draft_saved' };
    const action = submitting ? (this.s.revisionRound ? 'report.resubmitted' : 'report.submitted') : 'report.draft_saved';
    const now = Date.now();
    const saved = await localRecordActivities.saveReportVersion({
      reportId: this.s.reportId,
      contentHash: request.contentHash,
      kind,
      acceptWarnings: 'acceptWarnings' in request ? request.acceptWarnings : false,
      stamp: this.stamp(key, request.actor, action, now),
      patch: transition(this.s, act, now).patch,
    });
    const { at } = this.settle(saved, act);
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
    else if (outcome === 'pass') await this.commit(key, actor, 'report.review_passed', { kind: 'review_passed', comment: request.comment });
    else await this.approve(key, actor, request.rating as Rating, request.comment, request.reason);
    return this.snapshot();
  }

  private async requestRevision(key: string, actor: Actor, comment: string, revisionDueAt?: string) {
    const { at } = await this.commit(key, actor, 'report.revision_requested', { kind: 'revision_requested', comment, revisionDueAt });
    this.replan(at);
    this.mail(key, 'revision_requested', this.s.people.secretary, at, {
      version: String(this.s.submittedVersion ?? this.s.latestVersion),
      dueDate: this.formatDate(this.s.revisionDueAt as string),
      comment,
    });
  }

  private async approve(key: string, actor: Actor, rating: Rating, comment?: string, reason?: string) {
    const unreviewed = REVIEW_STATES.includes(this.s.status);
    const { at } = await this.commit(key, actor, 'report.approved', { kind: 'approved', rating, comment, unreviewed, reason });
    this.mail(key, 'approved', this.s.people.secretary, at, { rating, comment: comment ?? '' });
  }

  /** The due date an extension moves (as report-transitions.ts applies it) must move later. */
  private assertExtends(until: string): void {
    const previous = (extensionMoves(this.s) === 'revisionDueAt' && this.s.revisionDueAt) || this.s.dueAt;
    assertExtension(until, previous, this.formatDate(previous), Date.now());
  }

  private async extend(key: string, actor: Actor, until: string) {
    canAdminister(this.s.status, this.s.people, actor, ['延期', 'extended']);
    this.assertExtends(until);
    const { at } = await this.commit(key, actor, 'report.extended', { kind: 'extended', until });
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
    this.mail(key, 'assignment', this.s.people.secretary, at, { dueDate: this.formatDate(currentDeadline(this.s)) });
    this.mail(key, 'reassignment', previous, at, { newSecretaryName: toName ?? toEmail });
    return this.snapshot();
  }

  private async remindNow(key: string, actor: Actor) {
    canAdminister(this.s.status, this.s.people, actor, ['提醒', 'reminded']);
    assertSomeoneToRemind(this.s.status);
    const reviewing = REVIEW_STATES.includes(this.s.status);
    const to = (reviewing ? this.s.people.reviewer : this.s.people.secretary) ?? this.s.people.secretary;
    const { at } = await this.commit(key, actor, 'report.reminded_now', { kind: 'reminded_now', to });
    const left = Date.parse(currentDeadline(this.s)) - at;
    this.mail(
      key,
      reviewing ? 'review_reminder' : 'reminder',
      to,
      at,
      reviewing ? {} : { timeLeftMs: String(Math.max(left, 0)), overdue: left < 0 ? 'yes' : 'no' },
    );
    return this.snapshot();
  }

  private async close(actor: Actor) {
    if (this.closed) return;
    if (!SETTLED_STATES.includes(this.s.status)) await this.commit(`${workflowInfo().workflowId}/close`, actor, 'report.closed', { kind: 'closed' });
    this.closed = true;
  }

  // ---- reminders and escalations --------------------------------------------------------

  /** Sends what fell due: one notice per audience, even when the worker comes back after an outage. */
  /** Whether anything fell due. */
  private async fireDueTimers(): Promise<boolean> {
    if (this.closed) return true;
    let due = dueTimers(this.timerState(), this.s.schedule, Date.now());
    if (!due.length) return false;
    if (due.length > 1) due = await this.withoutNoticesSentAlready(due);
    for (const notice of noticesFor(due)) await this.notice(notice);
    return true;
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
    const to = recipientsOf(timer.kind, this.s.people);
    const detail = {
      timer: timer.key,
      kind: timer.kind,
      plannedAt: iso(timer.heldFrom ?? timer.at),
      to,
      ...(missed.length ? { missed: missed.map((t) => t.key) } : {}),
      // Held back by the notice gap: the record says so, and which notices this one stands for.
      ...(timer.heldFrom !== undefined || missed.some((t) => t.heldFrom !== undefined) ? { heldByNoticeGap: true } : {}),
    };
    const { at } = await this.commit(this.noticeKey(timer), SYSTEM, spec.action, { kind: 'noticed', detail, escalatedTo: spec.escalatedTo });
    this.told(
      timer,
      missed.map((t) => t.key),
      at,
      undefined,
      detail.heldByNoticeGap,
    );
  }

  /** A notice recorded at `at`: its timers are done, and its mail is asked for (once per key, whoever asks). */
  private told(timer: Timer, missed: string[], at: number, recipients?: string[], heldByNoticeGap = false) {
    const spec = NOTICES[timer.kind];
    this.s.firedTimers.push(...missed, timer.key);
    this.s.lastToldAt = { ...this.s.lastToldAt, [AUDIENCE[timer.kind]]: at };
    // Also when an attempt that died recorded the notice: its row shows the escalation.
    if (spec.escalatedTo) Object.assign(this.s, { escalatedTo: spec.escalatedTo, escalatedAt: iso(at) });
    // A notice sent on time speaks as of its planned moment ("7天", not "6天23小时" a few ms later);
    // one sent after the deadline it warned of says the report is overdue.
    const deadline = Date.parse(currentDeadline(this.s));
    const asOf = at - timer.at < ON_TIME_MS && at < deadline ? Math.min(at, timer.at) : at;
    const values = noticeValues(timer.kind, missed.length, asOf, deadline, heldByNoticeGap);
    // The mail is due at the timer's moment (SentMail.requestedAt); the record says when it was sent.
    for (const recipient of recipients ?? recipientsOf(timer.kind, this.s.people)) this.mail(this.noticeKey(timer), spec.mail, recipient, timer.at, values);
  }

  // ---- the record -----------------------------------------------------------------------

  /**
   * Records one change and applies it. The transition is a function of the act's moment: a retried
   * act takes the moment first recorded, so the workflow's state and the read model agree.
   */
  private async commit(key: string, actor: StampActor, action: string, act: ReportAct): Promise<{ at: number }> {
    const now = Date.now();
    const planned = transition(this.s, act, now);
    const recorded = await localRecordActivities.recordReportChange({
      reportId: this.s.reportId,
      stamp: this.stamp(key, actor, action, now, planned.detail),
      patch: planned.patch,
      versionNumber: this.s.submittedVersion ?? (this.s.latestVersion || undefined),
      decision: planned.decision,
    });
    return this.settle(recorded, act);
  }

  /** Takes the recorded act into the state: the record's new head, and the act as of its recorded moment. */
  private settle(recorded: RecordedAct, act?: ReportAct): { at: number } {
    for (const event of recorded.unseen ?? []) this.adopt(event);
    const at = Date.parse(recorded.occurredAt);
    if (act) this.s = transition(this.s, act, at).next;
    this.s.record = recorded.head;
    return { at };
  }

  /**
   * An event a task wrote before it died unheard of: a notice it sent is taken as sent (its timers
   * done, its mail asked for under the same key, so never sent twice). Anything else is left for
   * `audit verify --deep` to name.
   */
  private adopt(event: UnseenEvent) {
    const detail = event.detail as { timer?: string; kind?: TimerKind; plannedAt?: string; missed?: string[]; to?: string[]; heldByNoticeGap?: boolean };
    if (!event.key.includes('/timer/') || !detail.timer || !detail.kind || !detail.plannedAt) return;
    const timer = { key: detail.timer, kind: detail.kind, at: Date.parse(detail.plannedAt) };
    this.told(timer, detail.missed ?? [], Date.parse(event.occurredAt), detail.to, detail.heldByNoticeGap);
  }

  private stamp(key: string, actor: StampActor, action: string, at: number, detail: Record<string, unknown> = {}): ChangeStamp {
    return { auditKey: key, knownHead: this.s.record, occurredAt: iso(at), actor, action, detail };
  }

  /** Asks for a mail, due at `dueAt`: it goes into the outbox, keyed by the act that asked for it. */
  private mail(actKey: string, kind: MailKind, to: string, dueAt: number, values: Record<string, string>) {
    this.s.mailsAsked += 1;
    this.s.outbox.push(mailRequest(this.input, this.s, { actKey, kind, to, dueAt, values }));
  }

  /** A new deadline: reminders already past are skipped, and old timer keys are forgotten. */
  private replan(at: number) {
    this.s.plannedAt = at;
    const live = new Set([currentDeadline(this.s), this.s.reviewDueAt ?? ''].filter(Boolean));
    this.s.firedTimers = this.s.firedTimers.filter((key) => [...live].some((deadline) => key.includes(deadline)));
  }

  private timerState() {
    return timerStateOf(this.s);
  }

  private snapshot(): ReportSnapshot {
    return snapshotOf(this.input, this.s, this.closed);
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
