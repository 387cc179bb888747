// 民主测评 for every door (CLI, pages, API): schedule a meeting, cast a ballot, void one, close the
// meeting, read its count and results. The meeting workflow holds the vote; this module finds the
// rows, checks who asks, and sends the workflow's updates.
import { randomBytes } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { AuditKey } from '../config/audit-key';
import type { BallotTokens } from '../config/ballot-tokens';
import { appendAuditEvent } from '../db/audit';
import type { Db } from '../db/client';
import { TASK_QUEUE } from '../domain/constants';
import {
  BALLOT_REFUSALS,
  ballotSpentQuery,
  castBallotUpdate,
  closeMeetingUpdate,
  meetingCountQuery,
  meetingWorkflowId,
  voidBallotUpdate,
  type BallotGrades,
  type BallotScores,
  type EvaluationDimension,
  type EvaluatorGroup,
  type MeetingCount,
  type MeetingInput,
  type MeetingTally,
  type Reporter,
} from '../domain/evaluation';
import type { Actor } from '../domain/report-api';
import { parseDueDate } from '../domain/time';
import type { Channel } from '../domain/vocabulary';
import { words } from '../domain/words';
import { evaluationMeetingWorkflow } from '../workflows/evaluation-meeting';
import { MAX_REPORTERS, type MeetingFile } from './meeting-file';
import { ReportRequestError, sendWorkflowRequest } from './report-commands';
import { seasonBuild } from './season-build';
import { assertSeasonAdmin } from './season-access';
import { withRunningWorker } from './worker-presence';

export interface ScheduledMeeting {
  seasonId: string;
  meetingId: string;
  workflowId: string;
  issued: number;
  /** The meeting was scheduled before (the same file again): nothing new was issued. */
  alreadyScheduled: boolean;
}

const rowId = (seasonId: string, meetingId: string) => `${seasonId}/${meetingId}`;
const newBallotId = () => randomBytes(16).toString('base64url');

const refusal = (code: keyof typeof BALLOT_REFUSALS) => new ReportRequestError(code, BALLOT_REFUSALS[code]);

/** Writes the meeting and its ballots with the act of scheduling, then starts its workflow. */
export async function scheduleMeeting(
  client: Client,
  db: Db,
  auditKey: AuditKey,
  file: MeetingFile,
  actor: Actor,
  now = new Date(),
): Promise<ScheduledMeeting> {
  const seasonId = file.season;
  await assertSeasonAdmin(db, seasonId, actor, words('安排民主测评', 'schedule an evaluation meeting'));
  const season = await db.season.findUniqueOrThrow({ where: { id: seasonId }, select: { timeZone: true, dimensionsJson: true } });
  const id = rowId(seasonId, file.id);
  const existing = await db.evaluationMeeting.findUnique({ where: { id } });
  if (!existing)
    await writeMeeting(db, auditKey, file, actor, { ...(await plannedMeeting(db, file, season.timeZone, now)), dimensionsJson: season.dimensionsJson });
  const input = await meetingInput(db, seasonId, file.id, actor, season.timeZone);
  const workflowId = meetingWorkflowId(seasonId, file.id);
  const build = await seasonBuild(client, seasonId);
  try {
    await client.workflow.start(evaluationMeetingWorkflow, {
      workflowId,
      taskQueue: TASK_QUEUE,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      ...(build ? { versioningOverride: { pinnedTo: build } } : {}),
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return { seasonId, meetingId: file.id, workflowId, issued: input.ballots.length, alreadyScheduled: !!existing };
}

interface PlannedMeeting {
  closesAt: Date;
  reporters: Reporter[];
  ballots: { id: string; groupId: string; recipientEmail: string | null }[];
}

/** The meeting's reporters and ballots, or a refusal naming what is wrong. */
async function plannedMeeting(db: Db, file: MeetingFile, timeZone: string, now: Date): Promise<PlannedMeeting> {
  const closesAt = parseDueDate(file.closesAt, timeZone);
  if (!(closesAt > now)) {
    throw new ReportRequestError(
      'closes_in_past',
      words(`截止时间 ${file.closesAt} 已过，请写一个将来的时间。`, `The closing time ${file.closesAt} has passed: give a time in the future.`),
    );
  }
  const reports = await db.report.findMany({
    where: { seasonId: file.season, ...(file.reporters ? { branchId: { in: file.reporters } } : {}) },
    select: { id: true, branchId: true, seasonBranch: { select: { name: true } } },
    orderBy: { branchId: 'asc' },
  });
  const found = new Set(reports.map((r) => r.branchId));
  const missing = (file.reporters ?? []).filter((branchId) => !found.has(branchId));
  if (missing.length || !reports.length) {
    throw new ReportRequestError(
      'unknown_reporters',
      words(
        `本季度没有这些支部的报告：${missing.join('、') || '（全部）'}。请先启动季度，或核对支部编号。`,
        `The season has no report of: ${missing.join(', ') || '(any branch)'}. Start the season first, or check the branch ids.`,
      ),
    );
  }
  if (reports.length > MAX_REPORTERS) {
    throw new ReportRequestError(
      'too_many_reporters',
      words(
        `一次测评最多 ${MAX_REPORTERS} 位述职人，本季度有 ${reports.length} 份报告：请在 reporters 中列出本次述职的支部，分成几次测评。`,
        `A meeting takes at most ${MAX_REPORTERS} reporters and the season has ${reports.length} reports: list this meeting's branches under reporters, in several meetings.`,
      ),
    );
  }
  const ballots = file.groups.flatMap((group): PlannedMeeting['ballots'] =>
    group.evaluators
      ? group.evaluators.map((email) => ({ id: newBallotId(), groupId: group.id, recipientEmail: email.toLowerCase() }))
      : Array.from({ length: group.ballots ?? 0 }, () => ({ id: newBallotId(), groupId: group.id, recipientEmail: null })),
  );
  return { closesAt, reporters: reports.map((r) => ({ reportId: r.id, branchName: r.seasonBranch.name })), ballots };
}

async function writeMeeting(
  db: Db,
  auditKey: AuditKey,
  file: MeetingFile,
  actor: Actor,
  plan: PlannedMeeting & { dimensionsJson: string | null },
): Promise<void> {
  const id = rowId(file.season, file.id);
  const groups: EvaluatorGroup[] = file.groups.map(({ id: groupId, name, weight }) => ({ id: groupId, name, weight }));
  await db.$transaction(async (tx) => {
    await tx.evaluationMeeting.create({
      data: {
        id,
        seasonId: file.season,
        meetingId: file.id,
        title: file.title,
        closesAt: plan.closesAt,
        groupsJson: JSON.stringify(groups),
        reportersJson: JSON.stringify(plan.reporters),
        dimensionsJson: plan.dimensionsJson,
        scheduledBy: actor.email.toLowerCase(),
      },
    });
    await tx.evaluationBallot.createMany({ data: plan.ballots.map((ballot) => ({ ...ballot, meetingId: id })) });
    await appendAuditEvent(tx, auditKey, {
      key: `${meetingWorkflowId(file.season, file.id)}/scheduled`,
      occurredAt: new Date().toISOString(),
      actorEmail: actor.email.toLowerCase(),
      onBehalfOf: actor.onBehalfOf,
      action: 'evaluation.meeting_scheduled',
      channel: actor.channel,
      seasonId: file.season,
      detail: {
        meetingId: file.id,
        title: file.title,
        closesAt: plan.closesAt.toISOString(),
        reporters: plan.reporters.map((r) => r.reportId),
        groups: groups.map((group) => ({ ...group, ballots: plan.ballots.filter((b) => b.groupId === group.id).length })),
      },
    });
  });
}

/** The workflow's input, from the rows (so a repeated schedule starts the same meeting). */
async function meetingInput(db: Db, seasonId: string, meetingId: string, actor: Actor, timeZone: string): Promise<MeetingInput & { timeZone: string }> {
  const meeting = await db.evaluationMeeting.findUniqueOrThrow({ where: { id: rowId(seasonId, meetingId) } });
  const ballots = await db.evaluationBallot.findMany({ where: { meetingId: meeting.id }, orderBy: { id: 'asc' } });
  const admins = await db.roleAssignment.findMany({ where: { seasonId, role: 'admin', validUntil: null }, select: { person: { select: { email: true } } } });
  return {
    seasonId,
    meetingId,
    title: meeting.title,
    closesAt: meeting.closesAt.toISOString(),
    reporters: JSON.parse(meeting.reportersJson) as Reporter[],
    groups: JSON.parse(meeting.groupsJson) as EvaluatorGroup[],
    dimensions: dimensionsOf(meeting.dimensionsJson),
    ballots: ballots.map((b) => ({ ballotId: b.id, groupId: b.groupId, ...(b.recipientEmail ? { mailTo: b.recipientEmail } : {}) })),
    admins: admins.map((a) => a.person.email.toLowerCase()),
    scheduledBy: actor,
    timeZone,
  };
}

/** A ballot as its holder sees it: the meeting, who reports, and whether it can still be cast. */
export interface BallotView {
  ballotId: string;
  seasonId: string;
  meetingId: string;
  title: string;
  closesAt: Date;
  groupName: string;
  reporters: Reporter[];
  dimensions: EvaluationDimension[];
  /** Why it cannot be cast, if it cannot. */
  refused?: keyof typeof BALLOT_REFUSALS;
}

/**
 * The ballot a token opens; a forged or unknown token is refused without saying more. Whether a
 * named evaluator's ballot was cast only its meeting's workflow knows: asked when a client is given.
 */
export async function openBallot(db: Db, tokens: BallotTokens, token: string, client?: Client, now = new Date()): Promise<BallotView> {
  const ballotId = tokens.ballotIdOf(token);
  const ballot = ballotId ? await db.evaluationBallot.findUnique({ where: { id: ballotId } }) : null;
  if (!ballot) throw refusal('unknown');
  const meeting = await db.evaluationMeeting.findUniqueOrThrow({ where: { id: ballot.meetingId } });
  const groups = JSON.parse(meeting.groupsJson) as EvaluatorGroup[];
  const closed = meeting.status === 'closed' || meeting.closesAt <= now;
  const spent =
    ballot.status === 'issued' && ballot.recipientEmail && !closed && client
      ? await withRunningWorker(
          client,
          () => client.workflow.getHandle(meetingWorkflowId(meeting.seasonId, meeting.meetingId)).query(ballotSpentQuery, ballot.id),
          undefined,
          meeting.seasonId,
        ).catch(() => null) // no worker to answer: the form shows, and a spent ballot's cast is refused
      : null;
  const status = spent ?? ballot.status;
  const refused = status === 'cast' ? 'cast' : status === 'void' ? 'void' : closed ? 'closed' : undefined;
  return {
    ballotId: ballot.id,
    seasonId: meeting.seasonId,
    meetingId: meeting.meetingId,
    title: meeting.title,
    closesAt: meeting.closesAt,
    groupName: groups.find((g) => g.id === ballot.groupId)?.name ?? ballot.groupId,
    reporters: JSON.parse(meeting.reportersJson) as Reporter[],
    dimensions: dimensionsOf(meeting.dimensionsJson),
    ...(refused ? { refused } : {}),
  };
}

/** Casts the ballot the token opens: once, while the meeting is open. */
export async function castBallot(
  client: Client,
  db: Db,
  tokens: BallotTokens,
  token: string,
  grades: BallotGrades,
  channel: Channel,
  scores?: BallotScores,
): Promise<MeetingCount> {
  const ballot = await openBallot(db, tokens, token, client);
  if (ballot.refused) throw refusal(ballot.refused);
  return toMeeting(db, client, ballot, castBallotUpdate, { ballotId: ballot.ballotId, grades, channel, ...(scores ? { scores } : {}) });
}

const dimensionsOf = (json: string | null): EvaluationDimension[] => (json ? (JSON.parse(json) as EvaluationDimension[]) : []);

export async function voidBallot(
  client: Client,
  db: Db,
  request: { seasonId: string; meetingId: string; ballotId: string; reason: string; actor: Actor },
): Promise<MeetingCount> {
  await assertSeasonAdmin(db, request.seasonId, request.actor, words('作废选票', 'void a ballot'));
  await assertMeetingOpen(db, request);
  return toMeeting(db, client, request, voidBallotUpdate, { ballotId: request.ballotId, actor: request.actor, reason: request.reason });
}

/** Closes the vote before its time; answers once the votes and the tally are recorded. */
export async function closeMeeting(client: Client, db: Db, request: { seasonId: string; meetingId: string; actor: Actor }): Promise<MeetingCount> {
  await assertSeasonAdmin(db, request.seasonId, request.actor, words('结束民主测评', 'close an evaluation meeting'));
  await assertMeetingOpen(db, request);
  return toMeeting(db, client, request, closeMeetingUpdate, { actor: request.actor });
}

export interface MeetingStatus {
  seasonId: string;
  meetingId: string;
  title: string;
  closesAt: Date;
  count: MeetingCount;
  groups: EvaluatorGroup[];
  /** Once the meeting has closed. */
  tally?: MeetingTally;
}

/** The live count while the vote is open (from the workflow), the recorded results after. */
export async function meetingStatus(client: Client, db: Db, seasonId: string, meetingId: string): Promise<MeetingStatus> {
  const meeting = await db.evaluationMeeting.findUnique({ where: { id: rowId(seasonId, meetingId) } });
  if (!meeting) throw new ReportRequestError('unknown_meeting', words(`没有这次测评：${seasonId}/${meetingId}`, `No such meeting: ${seasonId}/${meetingId}`));
  const base = { seasonId, meetingId, title: meeting.title, closesAt: meeting.closesAt, groups: JSON.parse(meeting.groupsJson) as EvaluatorGroup[] };
  if (meeting.tallyJson) {
    const tally = JSON.parse(meeting.tallyJson) as MeetingTally;
    return { ...base, tally, count: { issued: tally.issued, cast: tally.cast, void: tally.void, closed: true, closesAt: meeting.closesAt.toISOString() } };
  }
  const handle = client.workflow.getHandle(meetingWorkflowId(seasonId, meetingId));
  return { ...base, count: await withRunningWorker(client, () => handle.query(meetingCountQuery), undefined, seasonId) };
}

/**
 * One ballot of the batch (a group's QR code on the meeting room's screen) for the phone that opened
 * it: the next one nobody has taken, claimed by one statement so two phones never get the same.
 */
export async function takeBatchBallot(db: Db, tokens: BallotTokens, batchToken: string, now = new Date()): Promise<string> {
  const batch = tokens.batchOf(batchToken);
  const meeting = batch ? await db.evaluationMeeting.findUnique({ where: { id: batch.meetingRowId }, select: { status: true, closesAt: true } }) : null;
  if (!batch || !meeting) throw refusal('unknown');
  if (meeting.status === 'closed' || meeting.closesAt <= now) throw refusal('closed');
  for (;;) {
    const next = await db.evaluationBallot.findFirst({
      where: { meetingId: batch.meetingRowId, groupId: batch.groupId, recipientEmail: null, status: 'issued', handedOutAt: null },
      select: { id: true },
    });
    if (!next) throw refusal('batch_empty');
    const claimed = await db.evaluationBallot.updateMany({ where: { id: next.id, handedOutAt: null }, data: { handedOutAt: now } });
    if (claimed.count === 1) return tokens.tokenOf(next.id);
  }
}

/** Each anonymous group's batch: its QR code's link and how many of its ballots are left to take. */
export async function ballotBatches(db: Db, tokens: BallotTokens, meeting: { seasonId: string; meetingId: string; groups: EvaluatorGroup[] }, baseUrl: string) {
  const meetingRowId = rowId(meeting.seasonId, meeting.meetingId);
  const left = await db.evaluationBallot.groupBy({
    by: ['groupId'],
    where: { meetingId: meetingRowId, recipientEmail: null, status: 'issued', handedOutAt: null },
    _count: { _all: true },
  });
  return left.map((batch) => ({
    groupId: batch.groupId,
    groupName: meeting.groups.find((g) => g.id === batch.groupId)?.name ?? batch.groupId,
    left: batch._count._all,
    link: new URL(`/ballot-batch/${tokens.batchTokenOf({ meetingRowId, groupId: batch.groupId })}`, baseUrl).toString(),
  }));
}

/** The meeting's anonymous ballots not yet cast nor taken from a batch, as links to print (QR slips). */
export async function handOutBallots(db: Db, tokens: BallotTokens, request: { seasonId: string; meetingId: string; actor: Actor }, baseUrl: string) {
  await assertSeasonAdmin(db, request.seasonId, request.actor, words('分发匿名选票', 'hand out anonymous ballots'));
  const ballots = await db.evaluationBallot.findMany({
    where: { meetingId: rowId(request.seasonId, request.meetingId), recipientEmail: null, status: 'issued', handedOutAt: null },
    orderBy: { id: 'asc' },
  });
  return ballots.map((b) => ({ ballotId: b.id, groupId: b.groupId, link: new URL(`/ballot/${tokens.tokenOf(b.id)}`, baseUrl).toString() }));
}

/**
 * A request to the meeting's workflow. One sent as the vote closes can reach a workflow that has
 * just ended (Temporal answers "not found"): the meeting is then closed, and said so in words.
 */
async function toMeeting<Arg>(
  db: Db,
  client: Client,
  meeting: { seasonId: string; meetingId: string },
  update: UpdateDefinition<MeetingCount, [Arg]>,
  arg: Arg,
) {
  try {
    return await sendWorkflowRequest(client, meetingTarget(meeting), update, arg);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    await assertMeetingOpen(db, meeting);
    throw error;
  }
}

/** A meeting whose vote has closed has ended its workflow too: it is refused here, in words. */
async function assertMeetingOpen(db: Db, meeting: { seasonId: string; meetingId: string }): Promise<void> {
  const row = await db.evaluationMeeting.findUnique({ where: { id: rowId(meeting.seasonId, meeting.meetingId) }, select: { status: true } });
  if (!row)
    throw new ReportRequestError(
      'unknown_meeting',
      words(`没有这次测评：${meeting.seasonId}/${meeting.meetingId}`, `No such meeting: ${meeting.seasonId}/${meeting.meetingId}`),
    );
  if (row.status === 'closed') throw refusal('closed');
}

const meetingTarget = (meeting: { seasonId: string; meetingId: string }) => ({
  workflowId: meetingWorkflowId(meeting.seasonId, meeting.meetingId),
  seasonId: meeting.seasonId,
});
