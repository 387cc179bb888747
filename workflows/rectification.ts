// One workflow per rectification item (整改事项): created from a report's 点评, it reminds the owner
// before the due date, tells them at it and escalates after it while the item is open; the owner
// reports progress with evidence, a reviewer accepts it (销号) or sends it back. It lives past the
// season's close, for as long as the item is open.
import { allHandlersFinished, condition, currentUpdateInfo, setHandler, workflowInfo } from '@temporalio/workflow';
import { takeWhenFree } from './lock';
import type { RectificationChange } from '../domain/activity-contract';
import type { MailRequest } from '../domain/messages';
import type { MailKind } from '../domain/vocabulary';
import {
  acceptRectificationUpdate,
  nextRectificationTimer,
  rectificationQuery,
  rectificationTimers,
  reportProgressUpdate,
  sendBackRectificationUpdate,
  type ProgressRequest,
  type RectificationInput,
  type RectificationSnapshot,
  type RectificationState,
  type RectificationTimer,
  type VerdictRequest,
} from '../domain/rectification';
import type { Actor } from '../domain/report-api';
import { formatInZone } from '../domain/time';
import { mailActivities, recordActivities } from './activity-stubs';
import { reject } from './report-rules';

/** Progress text a reviewer can read on a phone; evidence files are counted apart. */
const MAX_PROGRESS_CHARACTERS = 5_000;
const MAX_EVIDENCE_FILES = 10;
/** As the verdict form's box takes it; a pasted megabyte would otherwise ride into the record and a mail. */
const MAX_VERDICT_CHARACTERS = 2_000;

export async function rectificationWorkflow(input: RectificationInput): Promise<RectificationSnapshot> {
  const item = new RectificationItem(input);
  item.listen();
  return item.run();
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const SYSTEM: Actor = { email: 'system', channel: 'workflow' };

class RectificationItem {
  private state: RectificationState = 'open';
  private readonly sent: string[] = [];
  private progressReports = 0;
  private sentBack = 0;
  private escalated = false;
  private ready = false;
  private busy = false;
  /** Bumped by every change, so the timer loop plans again. */
  private epoch = 0;
  private readonly timers: RectificationTimer[];
  /** Mail asked for by a change, sent in order apart from the changes: SMTP down holds no request. */
  private readonly outbox: MailRequest[] = [];

  constructor(private readonly input: RectificationInput) {
    this.timers = rectificationTimers(Date.parse(input.dueAt), workflowInfo().startTime.getTime(), input.schedule);
  }

  listen(): void {
    setHandler(rectificationQuery, () => this.snapshot());
    // Each request is checked again once it holds the lock: two reviewers' verdicts sent at the same
    // moment both pass the validator, and the second must meet the item as the first left it.
    setHandler(
      reportProgressUpdate,
      (request) =>
        this.change(
          () => this.progress(request),
          () => this.checkProgress(request),
        ),
      {
        validator: (request) => this.checkProgress(request),
      },
    );
    setHandler(
      acceptRectificationUpdate,
      (request) =>
        this.change(
          () => this.verdict(request, 'accepted'),
          () => this.checkVerdict(request, false),
        ),
      {
        validator: (request) => this.checkVerdict(request, false),
      },
    );
    setHandler(
      sendBackRectificationUpdate,
      (request) =>
        this.change(
          () => this.verdict(request, 'open'),
          () => this.checkVerdict(request, true),
        ),
      {
        validator: (request) => this.checkVerdict(request, true),
      },
    );
  }

  async run(): Promise<RectificationSnapshot> {
    void this.sendOutbox();
    await this.record({ action: 'rectification.created', key: 'created', actor: this.input.createdBy, create: true });
    this.mail('created', 'rectification_assigned', [this.input.owner]);
    this.ready = true;
    while (this.state !== 'accepted') {
      const seen = this.epoch;
      const timer = nextRectificationTimer(this.state, this.timers, this.sent);
      const wait = timer ? Math.max(0, timer.at - Date.now()) : undefined;
      const changed = wait === undefined ? await condition(() => this.epoch !== seen) : await condition(() => this.epoch !== seen, wait);
      if (!changed && timer) await this.change(() => this.fire(timer));
    }
    await condition(() => allHandlersFinished() && !this.outbox.length);
    return this.snapshot();
  }

  private async sendOutbox(): Promise<void> {
    for (;;) {
      await condition(() => this.outbox.length > 0);
      await mailActivities.sendMail(this.outbox[0] as MailRequest);
      this.outbox.shift();
    }
  }

  private snapshot(): RectificationSnapshot {
    return {
      itemId: this.input.itemId,
      state: this.state,
      dueAt: this.input.dueAt,
      progressReports: this.progressReports,
      sentBack: this.sentBack,
      overdue: this.state !== 'accepted' && Date.now() > Date.parse(this.input.dueAt),
      escalated: this.escalated,
    };
  }

  // ---- requests -------------------------------------------------------------------------------

  private checkProgress(request: ProgressRequest): void {
    if (!same(request.actor.email, this.input.owner)) {
      reject('not_owner', '只有整改责任人（本支部书记）可以报告整改进展。', "Only the item's owner (the branch secretary) may report progress.");
    }
    if (this.state === 'accepted') reject('wrong_state', '该整改事项已销号。', 'This item has been accepted and closed.');
    if (this.state === 'progress_reported') reject('wrong_state', '上次报告的进展正在等待验收。', 'The progress reported last is awaiting acceptance.');
    if (!request.text.trim() && !request.evidence.length)
      reject('empty_progress', '请写明整改进展，或附上佐证材料。', 'Describe the progress, or attach evidence.');
    if ([...request.text].length > MAX_PROGRESS_CHARACTERS) {
      reject(
        'too_large',
        `整改进展不超过 ${MAX_PROGRESS_CHARACTERS} 字，详细材料请作为附件上传。`,
        `Progress is at most ${MAX_PROGRESS_CHARACTERS} characters; attach longer material as files.`,
      );
    }
    if (request.evidence.length > MAX_EVIDENCE_FILES) reject('too_large', `附件最多 ${MAX_EVIDENCE_FILES} 个。`, `At most ${MAX_EVIDENCE_FILES} files.`);
  }

  private checkVerdict(request: VerdictRequest, sendingBack: boolean): void {
    if (!this.input.reviewers.some((reviewer) => same(reviewer, request.actor.email))) {
      reject(
        'not_reviewer',
        '只有提出问题的党组领导或本季度管理员可以验收整改。',
        'Only the leader who named the problem or the season’s admins may accept or send back.',
      );
    }
    if (this.state !== 'progress_reported') reject('wrong_state', '该事项没有待验收的整改进展。', 'No progress awaits a verdict on this item.');
    if (sendingBack && !request.comment?.trim()) reject('comment_required', '退回时请写明还需做什么。', 'Say what is still needed when sending it back.');
    if ([...(request.comment ?? '')].length > MAX_VERDICT_CHARACTERS) {
      reject('too_long', `验收意见不超过 ${MAX_VERDICT_CHARACTERS} 字。`, `A verdict's comment is at most ${MAX_VERDICT_CHARACTERS} characters.`);
    }
  }

  private async progress(request: ProgressRequest): Promise<void> {
    this.progressReports += 1;
    const at = new Date().toISOString();
    const key = currentUpdateInfo()?.id ?? `progress-${this.progressReports}`;
    await this.record({
      action: 'rectification.progress_reported',
      key,
      actor: request.actor,
      patch: { state: 'progress_reported', progressReports: this.progressReports, lastProgressAt: at },
      progress: { text: request.text, evidence: request.evidence },
    });
    this.state = 'progress_reported';
    this.mail(key, 'rectification_progress', this.input.reviewers);
  }

  private async verdict(request: VerdictRequest, next: 'accepted' | 'open'): Promise<void> {
    if (next === 'open') this.sentBack += 1;
    const key = currentUpdateInfo()?.id ?? `verdict-${this.progressReports}`;
    await this.record({
      action: next === 'accepted' ? 'rectification.accepted' : 'rectification.sent_back',
      key,
      actor: request.actor,
      patch: next === 'accepted' ? { state: 'accepted', closedAt: new Date().toISOString() } : { state: 'open', sentBack: this.sentBack },
      detail: request.comment ? { comment: request.comment } : {},
    });
    this.state = next;
    this.mail(key, 'rectification_verdict', [this.input.owner], { verdict: next, comment: request.comment ?? '' });
  }

  // ---- time -----------------------------------------------------------------------------------

  private async fire(timer: RectificationTimer): Promise<void> {
    // Progress may have come in while this waited for the lock.
    if (this.state !== 'open' || this.sent.includes(timer.key)) return;
    const escalation = timer.kind === 'escalation';
    await this.record({
      action: escalation ? 'rectification.escalated' : timer.kind === 'overdue' ? 'rectification.overdue' : 'rectification.reminded',
      key: `timer/${timer.key}`,
      actor: SYSTEM,
      patch: escalation ? { escalatedAt: new Date().toISOString() } : {},
      detail: { timer: timer.key, plannedAt: new Date(timer.at).toISOString() },
    });
    this.sent.push(timer.key);
    if (escalation) this.escalated = true;
    if (escalation) this.mail(`timer/${timer.key}`, 'rectification_escalation', this.input.escalateTo);
    else this.mail(`timer/${timer.key}`, 'rectification_reminder', [this.input.owner], { overdue: timer.kind === 'overdue' ? 'yes' : 'no' });
  }

  // ---- the record and mail ----------------------------------------------------------------------

  /** One change at a time, and only once the item is recorded: a request waits for both. */
  private async change(work: () => Promise<void>, stillAllowed?: () => void): Promise<RectificationSnapshot> {
    await takeWhenFree(
      () => this.ready && !this.busy,
      () => (this.busy = true),
    );
    try {
      stillAllowed?.();
      await work();
    } finally {
      this.busy = false;
      this.epoch += 1;
    }
    return this.snapshot();
  }

  private async record(act: {
    action: string;
    key: string;
    actor: Actor;
    create?: boolean;
    patch?: RectificationChange['patch'];
    progress?: RectificationChange['progress'];
    detail?: Record<string, unknown>;
  }): Promise<void> {
    const { input } = this;
    await recordActivities.recordRectificationChange({
      itemId: input.itemId,
      seasonId: input.seasonId,
      reportId: input.reportId,
      auditKey: `${workflowInfo().workflowId}/${act.key}`,
      occurredAt: new Date().toISOString(),
      actor: act.actor,
      action: act.action,
      detail: act.detail,
      patch: act.patch,
      progress: act.progress,
      ...(act.create
        ? {
            create: {
              number: Number(input.itemId.split('/').at(-1)),
              problem: input.problem,
              measure: input.measure,
              ownerEmail: input.owner.toLowerCase(),
              reviewers: input.reviewers,
              dueAt: input.dueAt,
            },
          }
        : {}),
    });
  }

  /** Asks for one mail per recipient, keyed by the act that asked, so a replayed act asks for the same. */
  private mail(actKey: string, kind: MailKind, to: string[], extra: Record<string, string> = {}): void {
    const { input } = this;
    for (const email of new Set(to.map((address) => address.toLowerCase()))) {
      this.outbox.push({
        idempotencyKey: `${workflowInfo().workflowId}/${actKey}/${kind}/${email}`,
        kind,
        toEmail: email,
        seasonId: input.seasonId,
        reportId: input.reportId,
        values: {
          seasonTitle: input.seasonTitle,
          branchName: input.branchName,
          problem: input.problem,
          measure: input.measure,
          dueDate: formatInZone(new Date(input.dueAt), input.timeZone),
          timeZone: input.timeZone,
          linkPath: `/rectifications/${encodeURIComponent(input.itemId)}`,
          ...extra,
        },
      });
    }
  }
}
