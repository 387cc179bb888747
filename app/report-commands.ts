// What a person can do to one branch report, through the workflow's updates. Shared by the CLI
// and (later) the web app; argument parsing and printing live elsewhere.
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/client';
import { contentHashOf, storeContent } from '../db/report-content';
import { reportWorkflowId } from '../domain/ids';
import { isPlainText, isWithinLimit, measureReport, NOT_TEXT_MESSAGE, tooLargeMessage, type ReportSize } from '../domain/report-limits';
import { normalizeLineEndings } from '../domain/report-text';
import { checkReport, type Finding, type ReportTemplate } from '../domain/submission-check';
import { parseDueDate } from '../domain/time';
import type { Rating } from '../domain/vocabulary';
import { ReportRequestError } from './report-request-error';
import {
  assertWorkerRunning,
  POLLED_WITHIN_MS,
  withRunningWorker,
  WORKER_ANSWER_DEADLINE_MS,
  WORKER_NOT_ANSWERING,
  workerNotAnsweringRefusal,
} from './worker-presence';
import {
  AUDIT_KEY_CONFLICT,
  CHECK_FAILED,
  REJECTION,
  WARNINGS_NOT_ACCEPTED,
  changeRoleUpdate,
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
  type RejectionDetail,
  type ReportSnapshot,
  type VersionSaved,
} from '../domain/report-api';

export { ReportRequestError };

export function parseReportId(id: string): { seasonId: string; branchId: string } {
  const [seasonId, branchId, ...rest] = id.split('/');
  if (!seasonId || !branchId || rest.length) {
    throw new ReportRequestError('bad_report_id', { 'zh-CN': `报告编号应为“季度/支部”：${id}`, en: `A report id is season/branch: ${id}` });
  }
  return { seasonId, branchId };
}

const handleOf = (client: Client, reportId: string) => {
  const { seasonId, branchId } = parseReportId(reportId);
  return client.workflow.getHandle(reportWorkflowId(seasonId, branchId));
};

/** The application's own failure behind an update's (a validator's, or an activity's inside it). */
function applicationCause(error: unknown): ApplicationFailure | undefined {
  let cause: unknown = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
  while (cause instanceof Error && !(cause instanceof ApplicationFailure)) cause = cause.cause;
  return cause instanceof ApplicationFailure ? cause : undefined;
}

/** Right after a worker crash Temporal refuses a request until another worker has the report's task. */
const isWorkflowTaskFailing = (error: unknown) =>
  error instanceof Error && /Workflow Task in failed state/.test(`${error.message} ${(error.cause as Error | undefined)?.message ?? ''}`);

/**
 * How long a request waits out a crashed or restarting worker before it says the worker did not
 * answer: as long as a dead worker's last poll still counts (POLLED_WITHIN_MS), after which the
 * request is refused as having no worker at once.
 */
export const REQUEST_PATIENCE_MS = POLLED_WITHIN_MS;

const isWorkerNotAnswering = (error: unknown) => error instanceof ReportRequestError && error.code === WORKER_NOT_ANSWERING;

/**
 * Sends one request as one act: it carries an Update id of its own, so when it is sent again
 * (after a worker crash made Temporal refuse it for a moment, or a worker did not answer within
 * one attempt's deadline) Temporal and the record take the second sending for the first.
 */
async function sendRequest<Arg, Ret>(client: Client, reportId: string, update: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
  const { seasonId, branchId } = parseReportId(reportId);
  return sendWorkflowRequest(client, { workflowId: reportWorkflowId(seasonId, branchId), seasonId }, update, arg);
}

/** {@link sendRequest} to any of a season's workflows (a report's, a meeting's), by its id. */
export async function sendWorkflowRequest<Arg, Ret>(
  client: Client,
  /** `seasonId`: the season whose build must have a worker; none for a workflow not pinned to one. */
  target: { workflowId: string; seasonId?: string },
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
): Promise<Ret> {
  const handle = client.workflow.getHandle(target.workflowId);
  const updateId = randomUUID();
  const giveUpAt = Date.now() + REQUEST_PATIENCE_MS;
  for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
    const deadline = Math.max(1_000, Math.min(WORKER_ANSWER_DEADLINE_MS, giveUpAt - Date.now()));
    try {
      return await asked(withRunningWorker(client, () => handle.executeUpdate(update, { args: [arg], updateId }), deadline, target.seasonId));
    } catch (error) {
      const worthWaiting = isWorkflowTaskFailing(error) || isWorkerNotAnswering(error);
      if (!worthWaiting || Date.now() + wait > giveUpAt) throw isWorkerNotAnswering(error) ? workerNotAnsweringRefusal(REQUEST_PATIENCE_MS / 1000) : error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Turns a refused update into a ReportRequestError; anything else is rethrown. */
async function asked<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    const cause = applicationCause(error);
    if (cause?.type === REJECTION) {
      const detail = cause.details?.[0] as RejectionDetail;
      throw new ReportRequestError(detail.code, detail);
    }
    if (cause?.type === CHECK_FAILED || cause?.type === WARNINGS_NOT_ACCEPTED) throw checkRefusal(cause.type, (cause.details?.[0] as Finding[]) ?? []);
    if (cause?.type === AUDIT_KEY_CONFLICT) {
      throw new ReportRequestError('audit_key_conflict', {
        'zh-CN': `请求未执行：台账中该操作编号已记录了另一项操作，请联系管理员核查（${cause.message}）。`,
        en: `The request was not carried out: the record already holds a different act under its key; ask an admin to check (${cause.message}).`,
      });
    }
    throw error;
  }
}

function checkRefusal(type: string, findings: Finding[]): ReportRequestError {
  return type === CHECK_FAILED
    ? new ReportRequestError('check_failed', { 'zh-CN': '报告未通过提交检查：', en: 'The report did not pass the submission check:' }, findings)
    : new ReportRequestError(
        'warnings_not_accepted',
        {
          'zh-CN': '报告有以下提醒，确认无误后请加 --accept-warnings 再提交：',
          en: 'The report has warnings; resubmit with --accept-warnings to submit anyway:',
        },
        findings,
      );
}

/**
 * Stores the text once by its hash, so workflow history carries only the hash. Line endings are
 * made LF first: the same words posted by a form (CRLF) and by autosave (LF) are one text.
 */
export async function storeReportContent(db: Db, body: string): Promise<string> {
  const text = normalizeLineEndings(body);
  const hash = contentHashOf(text);
  await storeContent(db, hash, text);
  return hash;
}

async function templateOf(db: Db, reportId: string): Promise<ReportTemplate> {
  const { seasonId } = parseReportId(reportId);
  const season = await db.season.findUniqueOrThrow({ where: { id: seasonId } });
  return JSON.parse(season.templateJson) as ReportTemplate;
}

/** Refuses a binary text, or one over the size limit, before anything of it is stored. */
export function measuredWithinLimit(body: string): ReportSize {
  if (!isPlainText(body)) throw new ReportRequestError('not_text', NOT_TEXT_MESSAGE);
  const size = measureReport(body);
  if (!isWithinLimit(size)) throw new ReportRequestError('too_large', tooLargeMessage(size));
  return size;
}

export async function saveDraft(client: Client, db: Db, reportId: string, typed: string, actor: Actor): Promise<VersionSaved> {
  // Measured as stored, since the activity measures the stored text against the same limit.
  const body = normalizeLineEndings(typed);
  const size = measuredWithinLimit(body);
  await assertWorkerRunning(client, Date.now(), parseReportId(reportId).seasonId); // before the text is stored: a refused request leaves nothing behind
  const contentHash = await storeReportContent(db, body);
  return sendRequest(client, reportId, saveDraftUpdate, { actor, contentHash, size });
}

/** Checks first (same rules as the activity), so a refusal never reaches the workflow. */
export async function submitReport(client: Client, db: Db, reportId: string, typed: string, actor: Actor, acceptWarnings: boolean): Promise<VersionSaved> {
  const body = normalizeLineEndings(typed);
  const size = measuredWithinLimit(body);
  const check = checkReport(body, await templateOf(db, reportId));
  if (check.errors.length) throw checkRefusal(CHECK_FAILED, check.errors);
  if (check.warnings.length && !acceptWarnings) throw checkRefusal(WARNINGS_NOT_ACCEPTED, check.warnings);
  await assertWorkerRunning(client, Date.now(), parseReportId(reportId).seasonId);
  const contentHash = await storeReportContent(db, body);
  return sendRequest(client, reportId, submitUpdate, { actor, contentHash, acceptWarnings, size });
}

export function reviewReport(
  client: Client,
  reportId: string,
  request: { actor: Actor; decision: 'approve' | 'request_revision'; comment?: string; rating?: Rating; revisionDueAt?: string; reason?: string },
): Promise<ReportSnapshot> {
  return sendRequest(client, reportId, reviewUpdate, request);
}

export const extendReport = (client: Client, reportId: string, actor: Actor, until: Date) =>
  sendRequest(client, reportId, extendUpdate, { actor, until: until.toISOString() });

/**
 * A new secretary, liaison or reviewer must be reachable: an address that is none ("notanemail")
 * would take the real secretary's access and leave the worker retrying a mail that cannot go.
 */
export function assertEmailAddress(email: string): void {
  if (!z.email().safeParse(email.trim()).success) {
    throw new ReportRequestError('bad_email', {
      'zh-CN': `“${email}”不是有效的邮箱地址，请检查后重新填写。`,
      en: `"${email}" is not an email address; check it and try again.`,
    });
  }
}

export const reassignReport = async (client: Client, reportId: string, actor: Actor, toEmail: string, toName?: string) => {
  assertEmailAddress(toEmail);
  return sendRequest(client, reportId, reassignUpdate, { actor, toEmail, toName });
};

export const exemptReport = (client: Client, reportId: string, actor: Actor, kind: 'exempted' | 'withdrawn', reason: string) =>
  sendRequest(client, reportId, exemptUpdate, { actor, kind, reason });

export const remindNow = (client: Client, reportId: string, actor: Actor) => sendRequest(client, reportId, remindNowUpdate, { actor });

/** The workflow's live view plus the record's versions and comments. */
export async function showReport(client: Client, db: Db, reportId: string) {
  const live = await withRunningWorker(client, () => handleOf(client, reportId).query(reportQuery), undefined, parseReportId(reportId).seasonId);
  const versions = await db.reportVersion.findMany({
    where: { reportId },
    orderBy: { number: 'asc' },
    select: { number: true, kind: true, authorEmail: true, createdAt: true, figuresJson: true },
  });
  const comments = await db.reviewComment.findMany({ where: { reportId }, orderBy: { createdAt: 'asc' } });
  return {
    ...live,
    versions: versions.map((v) => ({ ...v, figures: v.figuresJson ? JSON.parse(v.figuresJson) : {}, figuresJson: undefined })),
    comments: comments.map((c) => ({ version: c.versionNumber, by: c.authorEmail, at: c.createdAt, body: c.body })),
  };
}

export const changeRole = async (client: Client, reportId: string, actor: Actor, role: 'liaison' | 'reviewer', toEmail: string, toName?: string) => {
  assertEmailAddress(toEmail);
  return sendRequest(client, reportId, changeRoleUpdate, { actor, role, toEmail, toName });
};

export const delegateReport = (client: Client, reportId: string, actor: Actor, from: string, to: string, until: Date) =>
  sendRequest(client, reportId, delegateUpdate, { actor, from, to, until: until.toISOString() });

/** A date as people type it, read in the report's season's time zone. */
export async function dueDateFor(db: Db, reportId: string, text: string): Promise<Date> {
  const season = await db.season.findUniqueOrThrow({ where: { id: parseReportId(reportId).seasonId } });
  const date = parseDueDate(text, season.timeZone);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${text}`);
  return date;
}
