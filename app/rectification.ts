// 点评与整改 for every door: leadership's 点评 on an approved report names problems, each becoming a
// rectification item with its own workflow; the owner reports progress with evidence; a reviewer
// accepts (销号) or sends it back; the season's progress is counted for dashboards and exports.
import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { AuditKey } from '../config/audit-key';
import { appendAuditEvent, findRecordedEvent } from '../db/audit';
import type { Db } from '../db/client';
import { TASK_QUEUE } from '../domain/constants';
import { DAY_MS, durationMs } from '../domain/duration';
import {
  acceptRectificationUpdate,
  rectificationItemId,
  rectificationWorkflowId,
  reportProgressUpdate,
  sendBackRectificationUpdate,
  suggestedMeasure,
  type EvidenceRef,
  type RectificationInput,
  type RectificationSnapshot,
} from '../domain/rectification';
import type { Actor } from '../domain/report-api';
import type { SeasonFile } from '../domain/season-file';
import { dateFault, formatInZone, parseDueDate, zonedEndOfDay } from '../domain/time';
import { words } from '../domain/words';
import { rectificationWorkflow } from '../workflows/rectification';
import { parseReportId, ReportRequestError, sendWorkflowRequest } from './report-commands';
import { SCHEDULE_WORDS } from './season-file-words';

/** A problem named in 点评, as the leader writes it; due date and measure default from the season and the report. */
export interface ProblemInput {
  text: string;
  dueDate?: string;
  measure?: string;
}

export interface FeedbackRequest {
  reportId: string;
  actor: Actor;
  comment: string;
  problems: ProblemInput[];
}

const MAX_PROBLEMS = 20;
const MAX_COMMENT = 5_000;
const MAX_PROBLEM = 500;
/** One evidence file, at most; a progress report takes at most ten (workflows/rectification.ts). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const refuse = (code: string, zh: string, en: string): never => {
  throw new ReportRequestError(code, words(zh, en));
};

/** Records the 点评 on an approved report and starts one rectification item per problem. */
export async function giveFeedback(client: Client, db: Db, auditKey: AuditKey, request: FeedbackRequest, now = new Date()): Promise<string[]> {
  const { seasonId } = parseReportId(request.reportId);
  const report = await db.report.findUnique({ where: { id: request.reportId }, include: { season: true, seasonBranch: true } });
  if (!report) return refuse('not_found', `没有这份报告：${request.reportId}`, `No such report: ${request.reportId}`);
  if (report.state !== 'approved') refuse('not_approved', '报告审批后才能点评。', 'Feedback is given on an approved report.');
  const leaders = await roleHolders(db, seasonId, ['leader', 'party_group_secretary']);
  const admins = await roleHolders(db, seasonId, ['admin']);
  const actor = request.actor.email.toLowerCase();
  if (!leaders.includes(actor)) refuse('not_leader', '只有党组领导可以点评。', 'Only leadership may give feedback.');
  const comment = request.comment.trim();
  if (!comment || [...comment].length > MAX_COMMENT)
    refuse('bad_comment', `点评不能为空，且不超过 ${MAX_COMMENT} 字。`, `Feedback must not be empty, and at most ${MAX_COMMENT} characters.`);
  if (request.problems.length > MAX_PROBLEMS) refuse('too_many', `一次点评最多列 ${MAX_PROBLEMS} 个问题。`, `At most ${MAX_PROBLEMS} problems per feedback.`);
  const plan = rectificationPlan(report.season, request.problems, now);
  const latest = await latestSubmission(db, request.reportId);
  const problems = request.problems.map((problem, i) => ({
    number: i + 1,
    text: problem.text.trim(),
    measure: problem.measure?.trim() || suggestedMeasure(latest, problem.text),
    dueAt: (plan.dueAts[i] as Date).toISOString(),
  }));
  const reviewers = [...new Set([actor, ...admins])];
  const owner = report.secretaryEmail.toLowerCase();
  await recordFeedback(db, auditKey, { reportId: request.reportId, seasonId, actor: request.actor, comment, owner, reviewers, problems });
  const ids: string[] = [];
  for (const problem of problems) {
    const itemId = rectificationItemId(request.reportId, problem.number);
    const input: RectificationInput = {
      itemId,
      seasonId,
      reportId: request.reportId,
      seasonTitle: report.season.title,
      branchName: report.seasonBranch.name,
      timeZone: report.season.timeZone,
      problem: problem.text,
      measure: problem.measure,
      dueAt: problem.dueAt,
      owner,
      reviewers,
      escalateTo: admins,
      schedule: plan.schedule,
      createdBy: request.actor,
    };
    try {
      // Not pinned to the season's build: an item outlives its season and the build it ran on.
      await client.workflow.start(rectificationWorkflow, {
        workflowId: rectificationWorkflowId(itemId),
        taskQueue: TASK_QUEUE,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    ids.push(itemId);
  }
  return ids;
}

/**
 * An item's due date when the leader names none: a period of whole days ends with its last day
 * (23:59 in the season's zone), as a date written on the form does; a shorter one, as a trial
 * season might set, runs from the moment of the 点评.
 */
function defaultDueAt(now: Date, period: number, timeZone: string): Date {
  const end = new Date(now.getTime() + period);
  if (period % DAY_MS !== 0) return end;
  return zonedEndOfDay(formatInZone(end, timeZone).slice(0, 10), timeZone);
}

function rectificationPlan(season: { timeZone: string; rectificationJson: string | null }, problems: ProblemInput[], now: Date) {
  const settings = (season.rectificationJson ? JSON.parse(season.rectificationJson) : {}) as Partial<NonNullable<SeasonFile['rectification']>>;
  const period = durationMs(settings.period ?? '90d');
  const dueAts = problems.map((problem, i) => {
    if (!problem.text.trim() || [...problem.text.trim()].length > MAX_PROBLEM) {
      refuse(
        'bad_problem',
        `第 ${i + 1} 个问题不能为空，且不超过 ${MAX_PROBLEM} 字。`,
        `Problem ${i + 1} must not be empty, and at most ${MAX_PROBLEM} characters.`,
      );
    }
    if (!problem.dueDate?.trim()) return defaultDueAt(now, period, season.timeZone);
    const due = parseDueDate(problem.dueDate.trim(), season.timeZone);
    if (Number.isNaN(due.getTime())) {
      const fault = dateFault(problem.dueDate.trim());
      if (fault?.part === 'day') {
        const said = SCHEDULE_WORDS.noSuchDay(problem.dueDate, fault.daysInMonth);
        refuse('bad_date', `第 ${i + 1} 个问题的整改期限 ${said['zh-CN']}`, `Problem ${i + 1}'s due date ${said.en}`);
      }
      refuse(
        'bad_date',
        `第 ${i + 1} 个问题的整改期限“${problem.dueDate}”不是日期：请按“年-月-日”填写，例如 2027-06-30。`,
        `Problem ${i + 1}'s due date “${problem.dueDate}” is not a date: write it as year-month-day, e.g. 2027-06-30.`,
      );
    }
    if (due <= now) refuse('bad_date', `第 ${i + 1} 个问题的整改期限 ${problem.dueDate} 已过。`, `Problem ${i + 1}'s due date ${problem.dueDate} has passed.`);
    return due;
  });
  const schedule = {
    remindersBeforeDue: (settings.remindersBeforeDue ?? ['7d', '1d']).map(durationMs),
    escalateAfter: durationMs(settings.escalateAfter ?? '3d'),
  };
  return { dueAts, schedule };
}

async function recordFeedback(
  db: Db,
  auditKey: AuditKey,
  feedback: {
    reportId: string;
    seasonId: string;
    actor: Actor;
    comment: string;
    owner: string;
    reviewers: string[];
    problems: { number: number; text: string; measure: string; dueAt: string }[];
  },
): Promise<void> {
  const key = `report/${feedback.reportId}/feedback`;
  const event = {
    key,
    occurredAt: new Date().toISOString(),
    actorEmail: feedback.actor.email.toLowerCase(),
    onBehalfOf: feedback.actor.onBehalfOf,
    action: 'report.feedback_given',
    channel: feedback.actor.channel,
    seasonId: feedback.seasonId,
    reportId: feedback.reportId,
    onSeasonChain: true,
    detail: { comment: feedback.comment, problems: feedback.problems },
  };
  await db.$transaction(async (tx) => {
    if (await findRecordedEvent(tx, key)) {
      // The same 点评 again (a retry, a second press) is no new act; a different one is refused, not written over.
      const given = await tx.report.findUnique({ where: { id: feedback.reportId }, select: { feedbackJson: true } });
      const before = JSON.parse(given?.feedbackJson ?? '{}') as { comment?: string; problems?: { text: string }[] };
      const same =
        before.comment === feedback.comment && JSON.stringify(before.problems?.map((p) => p.text)) === JSON.stringify(feedback.problems.map((p) => p.text));
      if (!same) refuse('feedback_given', '这份报告已有党组点评，不能再次点评。', 'This report already has its feedback.');
      return;
    }
    await tx.report.update({
      where: { id: feedback.reportId },
      data: { feedbackJson: JSON.stringify({ ...event.detail, by: event.actorEmail, at: event.occurredAt }) },
    });
    // The items exist from the moment the 点评 does (the page lists them at once); each workflow then records its start.
    await tx.rectificationItem.createMany({
      data: feedback.problems.map((problem) => ({
        id: rectificationItemId(feedback.reportId, problem.number),
        seasonId: feedback.seasonId,
        reportId: feedback.reportId,
        number: problem.number,
        problem: problem.text,
        measure: problem.measure,
        ownerEmail: feedback.owner,
        reviewersJson: JSON.stringify(feedback.reviewers),
        dueAt: new Date(problem.dueAt),
      })),
    });
    await appendAuditEvent(tx, auditKey, event);
  });
}

async function roleHolders(db: Db, seasonId: string, roles: string[]): Promise<string[]> {
  const rows = await db.roleAssignment.findMany({
    where: { seasonId, role: { in: roles }, validUntil: null },
    select: { person: { select: { email: true } } },
  });
  return [...new Set(rows.map((r) => r.person.email.toLowerCase()))];
}

async function latestSubmission(db: Db, reportId: string): Promise<string> {
  const version = await db.reportVersion.findFirst({
    where: { reportId, kind: 'submission' },
    orderBy: { number: 'desc' },
    select: { content: { select: { body: true } } },
  });
  return version?.content.body ?? '';
}

/** A file the owner attaches as evidence. */
export interface EvidenceUpload {
  name: string;
  mime: string;
  bytes: Buffer;
}

/** Stores the evidence (once per content), then reports the progress to the item's workflow. */
export async function reportProgress(
  client: Client,
  db: Db,
  request: { itemId: string; actor: Actor; text: string; files: EvidenceUpload[] },
): Promise<RectificationSnapshot> {
  const evidence: EvidenceRef[] = [];
  for (const file of request.files) {
    // A file input left empty sends a part with no name and no bytes: nothing was attached.
    if (!file.bytes.length && !file.name) continue;
    if (!file.bytes.length) {
      refuse('empty_file', `附件“${file.name}”是空文件（0 字节）：请检查后重新选择。`, `“${file.name}” is empty (0 bytes): check it and choose it again.`);
    }
    if (file.bytes.length > MAX_EVIDENCE_BYTES) {
      refuse('too_large', `附件“${file.name}”超过 10 MB，请压缩或拆分后再上传。`, `“${file.name}” is over 10 MB: compress or split it, then attach it again.`);
    }
    const hash = createHash('sha256').update(file.bytes).digest('hex');
    const name = file.name.replace(/[\\/\0]/g, '_').slice(0, 200) || 'file';
    await db.evidenceFile.upsert({
      where: { hash },
      create: { hash, name, mime: file.mime || 'application/octet-stream', bytes: new Uint8Array(file.bytes) },
      update: {},
    });
    evidence.push({ name, hash, bytes: file.bytes.length });
  }
  return sendItemRequest(client, request.itemId, reportProgressUpdate, { actor: request.actor, text: request.text, evidence });
}

export function acceptItem(client: Client, request: { itemId: string; actor: Actor; comment?: string }): Promise<RectificationSnapshot> {
  return sendItemRequest(client, request.itemId, acceptRectificationUpdate, { actor: request.actor, comment: request.comment });
}

export function sendBackItem(client: Client, request: { itemId: string; actor: Actor; comment: string }): Promise<RectificationSnapshot> {
  return sendItemRequest(client, request.itemId, sendBackRectificationUpdate, { actor: request.actor, comment: request.comment });
}

/**
 * An item runs on whatever build is current when it starts, not its season's: any worker will do.
 * Its workflow ends when the item is accepted (销号): a request after that (a second tab, a late
 * press) is refused as such, not an error.
 */
async function sendItemRequest<Arg>(client: Client, itemId: string, update: UpdateDefinition<RectificationSnapshot, [Arg]>, arg: Arg) {
  try {
    return await sendWorkflowRequest(client, { workflowId: rectificationWorkflowId(itemId) }, update, arg);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    return refuse(
      'item_closed',
      '该整改事项已销号，不能再报告进展或验收。',
      'This item has been accepted (closed): nothing more can be reported or decided on it.',
    );
  }
}

export interface RectificationProgress {
  total: number;
  accepted: number;
  overdue: number;
  /** 整改完成率: accepted of all, per cent, one decimal; null with no items. */
  completionRate: number | null;
}

/** A season's items counted: how many, accepted, and overdue (open past their due date). */
export async function rectificationProgress(db: Db, seasonId: string, now = new Date()): Promise<RectificationProgress> {
  const [total, accepted, overdue] = await Promise.all([
    db.rectificationItem.count({ where: { seasonId } }),
    db.rectificationItem.count({ where: { seasonId, state: 'accepted' } }),
    db.rectificationItem.count({ where: { seasonId, state: { not: 'accepted' }, dueAt: { lt: now } } }),
  ]);
  return { total, accepted, overdue, completionRate: total ? Math.round((accepted * 1000) / total) / 10 : null };
}

export interface ItemVerdict {
  at: Date;
  by: string;
  decision: 'accepted' | 'sent_back';
  comment: string;
}

/** The reviewers' verdicts on an item, oldest first, as the record holds them (with what they said). */
export async function itemVerdicts(db: Db, itemId: string): Promise<ItemVerdict[]> {
  const events = await db.auditEvent.findMany({
    where: { key: { startsWith: `${rectificationWorkflowId(itemId)}/` }, action: { in: ['rectification.accepted', 'rectification.sent_back'] } },
    select: { occurredAt: true, actorEmail: true, action: true, detailJson: true },
    orderBy: { occurredAt: 'asc' },
  });
  return events.map((event) => ({
    at: event.occurredAt,
    by: event.actorEmail,
    decision: event.action === 'rectification.accepted' ? 'accepted' : 'sent_back',
    comment: String((JSON.parse(event.detailJson) as { comment?: unknown }).comment ?? ''),
  }));
}
