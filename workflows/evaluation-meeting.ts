// One workflow per 民主测评 meeting: mails the named evaluators their ballots, takes each ballot
// once until the meeting closes (at its time, on a durable timer, or earlier by an admin), then
// records the votes and the tally. A cast ballot's grades are kept without its id, and reach the
// database only at the close, shuffled, so the record cannot tie a vote to whoever held the ballot.
import { allHandlersFinished, CancellationScope, condition, isCancellation, setHandler, workflowInfo } from '@temporalio/workflow';
import { takeWhenFree } from './lock';
import {
  BALLOT_REFUSALS,
  castBallotUpdate,
  closeMeetingUpdate,
  ballotSpentQuery,
  meetingCountQuery,
  packVotes,
  tallyMeeting,
  voidBallotUpdate,
  type BallotRefusal,
  type CastRequest,
  type CastVote,
  type IssuedBallot,
  type MeetingCount,
  type MeetingInput,
  type MeetingTally,
} from '../domain/evaluation';
import type { Actor } from '../domain/report-api';
import { formatInZone } from '../domain/time';
import { localRecordActivities, mailActivities, recordActivities } from './activity-stubs';
import { reject } from './report-rules';

export interface MeetingOptions {
  timeZone?: string;
}

export async function evaluationMeetingWorkflow(input: MeetingInput & MeetingOptions): Promise<MeetingTally> {
  const meeting = new Meeting(input);
  meeting.listen();
  return meeting.run();
}

class Meeting {
  private readonly ballots: Map<string, IssuedBallot>;
  private readonly spent = new Set<string>();
  private readonly voided = new Set<string>();
  private readonly votes: CastVote[] = [];
  private closedBy?: Actor;
  private closed = false;
  private recorded = false;
  /** Local activities run one at a time: two in flight complete in an order no replay repeats. */
  private busy = false;
  /** Ballots taken (cast or voided) whose record is not written yet: the close waits for them. */
  private taking = 0;

  constructor(private readonly input: MeetingInput & MeetingOptions) {
    this.ballots = new Map(input.ballots.map((ballot) => [ballot.ballotId, ballot]));
  }

  listen(): void {
    setHandler(meetingCountQuery, () => this.count());
    setHandler(ballotSpentQuery, (ballotId) => (this.spent.has(ballotId) ? 'cast' : this.voided.has(ballotId) ? 'void' : null));
    setHandler(castBallotUpdate, (request) => this.cast(request), { validator: (request) => this.checkCast(request) });
    setHandler(voidBallotUpdate, ({ ballotId, actor, reason }) => this.void(ballotId, actor, reason), {
      validator: ({ ballotId, actor }) => {
        this.checkAdmin(actor);
        this.checkUnspent(ballotId);
      },
    });
    setHandler(
      closeMeetingUpdate,
      async ({ actor }) => {
        this.closedBy ??= actor;
        await condition(() => this.recorded);
        return this.count();
      },
      { validator: ({ actor }) => this.checkAdmin(actor) },
    );
  }

  async run(): Promise<MeetingTally> {
    // Ballots not yet mailed when the meeting closes are of no use: their mail is cancelled then.
    const mailing = new CancellationScope();
    const mailed = mailing
      .run(() => this.mailBallots())
      .catch((error: unknown) => {
        if (!isCancellation(error)) throw error;
      });
    const untilClose = Date.parse(this.input.closesAt) - Date.now();
    if (untilClose > 0) await condition(() => this.closedBy !== undefined, untilClose);
    // From here every new ballot is refused; those already taken finish first. (Not every handler:
    // an admin's close waits in its handler for the tally below.)
    this.closed = true;
    await condition(() => this.taking === 0 && !this.busy);
    const tally = tallyMeeting(this.input, this.votes, { issued: this.ballots.size, void: this.voided.size });
    await recordActivities.recordMeetingClosed({
      seasonId: this.input.seasonId,
      meetingId: this.input.meetingId,
      auditKey: `${workflowInfo().workflowId}/closed`,
      occurredAt: new Date().toISOString(),
      closedBy: this.closedBy,
      votes: packVotes(
        this.input.reporters.map((r) => r.reportId),
        this.input.groups.map((g) => g.id),
        this.votes,
      ),
      tally,
    });
    this.recorded = true;
    mailing.cancel();
    await mailed;
    await condition(allHandlersFinished);
    return tally;
  }

  private count(): MeetingCount {
    return { issued: this.ballots.size, cast: this.spent.size, void: this.voided.size, closed: this.closed, closesAt: this.input.closesAt };
  }

  /** Each named evaluator's ballot by mail, once per ballot. */
  private async mailBallots(): Promise<void> {
    const closesAt = formatInZone(new Date(this.input.closesAt), this.input.timeZone ?? 'Asia/Shanghai');
    for (const ballot of this.input.ballots) {
      if (!ballot.mailTo) continue;
      await mailActivities.sendMail({
        idempotencyKey: `${workflowInfo().workflowId}/ballot/${ballot.ballotId}`,
        kind: 'ballot',
        toEmail: ballot.mailTo,
        seasonId: this.input.seasonId,
        values: {
          meetingTitle: this.input.title,
          reporters: String(this.input.reporters.length),
          closesAt,
          timeZone: this.input.timeZone ?? 'Asia/Shanghai',
          ballotId: ballot.ballotId,
        },
      });
    }
  }

  private checkCast(request: CastRequest): void {
    this.checkUnspent(request.ballotId);
    if (this.isClosed()) refuse('closed');
    const graded = Object.entries(request.grades);
    if (!graded.length) refuse('empty');
    const reporters = new Set(this.input.reporters.map((r) => r.reportId));
    if (graded.some(([reportId]) => !reporters.has(reportId))) refuse('not_reporter');
    const dimensions = new Map((this.input.dimensions ?? []).map((d) => [d.id, d.max]));
    for (const [reportId, scores] of Object.entries(request.scores ?? {})) {
      if (!reporters.has(reportId)) refuse('not_reporter');
      if (!(reportId in request.grades)) refuse('score_without_grade');
      for (const [dimension, score] of Object.entries(scores)) {
        const max = dimensions.get(dimension);
        if (max === undefined || !Number.isInteger(score) || score < 0 || score > max) refuse('bad_score');
      }
    }
  }

  private checkUnspent(ballotId: string): void {
    if (!this.ballots.has(ballotId)) refuse('unknown');
    if (this.spent.has(ballotId)) refuse('cast');
    if (this.voided.has(ballotId)) refuse('void');
  }

  private checkAdmin(actor: Actor): void {
    if (!this.input.admins.includes(actor.email.toLowerCase())) {
      reject('not_admin', '只有本次述职的管理员可以执行此操作。', "Only the season's admins may do this.");
    }
    if (this.isClosed()) refuse('closed');
  }

  private isClosed(): boolean {
    return this.closed || this.closedBy !== undefined || Date.now() >= Date.parse(this.input.closesAt);
  }

  private async cast(request: CastRequest): Promise<MeetingCount> {
    const ballot = this.ballots.get(request.ballotId) as IssuedBallot;
    // Taken before the first await: a second cast of the same ballot in this task is refused.
    this.checkUnspent(request.ballotId);
    this.spent.add(request.ballotId);
    await this.exclusive(() =>
      localRecordActivities.recordBallotCast({
        seasonId: this.input.seasonId,
        meetingId: this.input.meetingId,
        ballotId: ballot.ballotId,
        groupId: ballot.groupId,
        channel: request.channel,
        auditKey: `${workflowInfo().workflowId}/ballot/${ballot.ballotId}/cast`,
        occurredAt: new Date().toISOString(),
      }),
    );
    this.votes.push({ groupId: ballot.groupId, grades: request.grades, ...(request.scores ? { scores: request.scores } : {}) });
    return this.count();
  }

  private async void(ballotId: string, actor: Actor, reason: string): Promise<MeetingCount> {
    this.checkUnspent(ballotId);
    this.voided.add(ballotId);
    await this.exclusive(() =>
      localRecordActivities.recordBallotVoided({
        seasonId: this.input.seasonId,
        meetingId: this.input.meetingId,
        ballotId,
        auditKey: `${workflowInfo().workflowId}/ballot/${ballotId}/void`,
        occurredAt: new Date().toISOString(),
        actor,
        reason,
      }),
    );
    return this.count();
  }

  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.taking += 1;
    try {
      await takeWhenFree(
        () => !this.busy,
        () => (this.busy = true),
      );
      try {
        return await work();
      } finally {
        this.busy = false;
      }
    } finally {
      this.taking -= 1;
    }
  }
}

function refuse(code: BallotRefusal): never {
  const { 'zh-CN': zh, en } = BALLOT_REFUSALS[code];
  return reject(code, zh, en);
}
