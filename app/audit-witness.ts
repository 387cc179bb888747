// The record against its second witness, Temporal. Each report workflow keeps its chain's head
// (how many events, and the last hash) in its state, so a chain cut off at its tail, a report's
// chain deleted with its row, or an event inserted behind the workflow's back shows, even to
// someone who could rewrite the database and its hashes. `--deep` goes further: every request
// Temporal accepted and completed is recorded exactly once, every failed one not at all, and every
// mail the workflow asked for is logged as sent (and, on the embedded stack, was received).
import { existsSync } from 'node:fs';
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { AuditKeyring } from '../config/audit-key';
import { verifyAuditChain, words, type AuditProblem, type AuditVerification } from '../db/audit-verify';
import { eventsBetween } from '../db/audit';
import type { Db } from '../db/client';
import { reportWorkflowId } from '../domain/ids';
import type { RecordHead } from '../domain/messages';
import { Mailbox } from '../mail/mailbox';
import type { BranchReportResult } from '../domain/report-api';
import { reportQuery } from '../domain/report-api';

/** What a report workflow witnessed: its chain's head and its mail. */
interface Witness {
  record: RecordHead;
  mailsAsked: number;
  mailsWaiting: number;
  /** Still running: it may act between verify's reads. */
  running: boolean;
}

export interface WitnessOptions {
  /** Also read every workflow's history and the mail log (and the captured mailbox, if given). */
  deep?: boolean;
  mailboxDir?: string;
  /** Workflows read at once. */
  concurrency?: number;
  /** How long to wait for a running workflow to answer (default 30 s). */
  queryPatienceMs?: number;
}

export interface SeasonVerification extends AuditVerification {
  /** Report workflows whose head was compared with the database (those that answered). */
  witnessed: number;
  deep?: { acts: number; mails: number; mailsReceived?: number };
}

export async function verifySeasonRecord(
  db: Db,
  client: Client,
  keyring: AuditKeyring,
  seasonId: string,
  options: WitnessOptions = {},
): Promise<SeasonVerification> {
  const base = await verifyAuditChain(db, keyring, seasonId);
  const problems = [...base.problems];
  const unchecked = [...base.unchecked];
  const workflowIds = await reportWorkflowIds(db, client, seasonId);
  const deep = { acts: 0, mails: 0 };
  let witnessed = 0;
  await inBatches(workflowIds, options.concurrency ?? 16, async (workflowId) => {
    const handle = client.workflow.getHandle(workflowId);
    const reportId = workflowId.replace(/^report\//, '');
    const witness = await witnessOf(client, handle, options.queryPatienceMs ?? QUERY_PATIENCE_MS).catch((error: unknown) => {
      const why = error instanceof Error ? error.message : String(error);
      unchecked.push(words(`${workflowId}：无法从 Temporal 读取（${why}）`, `${workflowId}: ${why}`));
      return undefined;
    });
    if (!witness) return;
    witnessed += 1;
    const chain = `report:${reportId}`;
    const stored = await withActsSinceSnapshot(db, keyring, chain, base.heads[chain], witness.record);
    problems.push(...compareHeads(chain, stored, witness.record));
    if (options.deep) {
      const acts = await checkActs(db, client, workflowId, reportId, problems);
      // A running report may send a mail between the two reads: ask both again before naming it.
      let mails = await checkMailLog(db, reportId, witness);
      for (let retry = 0; mails.problem && witness.running && retry < MAIL_RECHECKS; retry += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        mails = await checkMailLog(db, reportId, await witnessOf(client, handle, options.queryPatienceMs ?? QUERY_PATIENCE_MS));
      }
      if (mails.problem) problems.push(mails.problem);
      deep.acts += acts;
      deep.mails += mails.sent;
    }
  });
  const received = options.deep && options.mailboxDir ? checkMailbox(await sentMessageIds(db, seasonId), options.mailboxDir, problems) : undefined;
  return {
    ...base,
    problems,
    unchecked,
    ok: problems.length === 0 && unchecked.length === 0,
    witnessed,
    ...(options.deep ? { deep: { ...deep, ...(received !== undefined ? { mailsReceived: received } : {}) } } : {}),
  };
}

/** Every report workflow of the season: those the database knows, and those only Temporal knows. */
async function reportWorkflowIds(db: Db, client: Client, seasonId: string): Promise<string[]> {
  const rows = await db.report.findMany({ where: { seasonId }, select: { branchId: true } });
  const ids = new Set(rows.map((row) => reportWorkflowId(seasonId, row.branchId)));
  const prefix = reportWorkflowId(seasonId, '');
  for await (const execution of client.workflow.list({ query: `WorkflowType = "branchReportWorkflow" AND WorkflowId STARTS_WITH "${prefix}"` })) {
    if (execution.workflowId.startsWith(prefix)) ids.add(execution.workflowId);
  }
  return [...ids].sort();
}

/** The head a report workflow keeps: from its state while it runs, from its result once it ended. */
async function witnessOf(client: Client, handle: WorkflowHandle, patienceMs: number): Promise<Witness> {
  let description;
  try {
    description = await handle.describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new Error('Temporal has no such workflow (past retention, or never started)', { cause: error });
    throw error;
  }
  if (description.status.name === 'RUNNING') {
    const snapshot = await queryPatiently(client, handle, patienceMs);
    return { record: snapshot.record, mailsAsked: snapshot.mail.asked, mailsWaiting: snapshot.mail.waiting, running: true };
  }
  if (description.status.name !== 'COMPLETED') throw new Error(`the workflow ended ${description.status.name.toLowerCase()}, without a head to compare`);
  const result = (await handle.result()) as BranchReportResult;
  return { record: result.record, mailsAsked: result.mailsAsked, mailsWaiting: 0, running: false };
}

/** How long verify waits for one running workflow to answer before it names it as not checked. */
const QUERY_PATIENCE_MS = 30_000;

/**
 * A running workflow answers a query once its latest workflow task has completed: right after a
 * worker crash, Temporal refuses queries until another worker has taken the task up again. With
 * no worker at all nothing answers, so the wait is bounded and the workflow is reported unchecked.
 */
async function queryPatiently(client: Client, handle: WorkflowHandle, patienceMs: number) {
  const giveUpAt = Date.now() + patienceMs;
  for (;;) {
    // The call itself is cancelled at the deadline, retries and all: a query merely raced against
    // a timer would go on retrying after verify had closed its connection.
    const cancel = new AbortController();
    const timer = setTimeout(() => cancel.abort(), Math.max(0, giveUpAt - Date.now()));
    try {
      return await client.withAbortSignal(cancel.signal, () => handle.query(reportQuery));
    } catch (error) {
      if (Date.now() + 1_000 >= giveUpAt) {
        const why = error instanceof Error ? error.message : String(error);
        throw new Error(`no answer within ${patienceMs / 1000} s (is a worker running?): ${why}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * A running report goes on acting while verify reads: a reminder recorded after the database was
 * read makes the workflow's head run ahead of the snapshot. Events since the snapshot count when
 * they are there now, authentic under a known key, and end at the head the workflow witnessed.
 */
async function withActsSinceSnapshot(
  db: Db,
  keyring: AuditKeyring,
  chain: string,
  stored: RecordHead | undefined,
  witnessed: RecordHead,
): Promise<RecordHead | undefined> {
  if (!stored || stored.events >= witnessed.events) return stored;
  const since = await eventsBetween(db, chain, stored.events, witnessed.events + 1);
  const last = since.at(-1);
  const authentic = since.every((event) => !!event.mac && !!event.macKeyId && keyring.check(event.macKeyId, event.hash, event.mac) === true);
  if (since.length !== witnessed.events - stored.events || !authentic || last?.hash !== witnessed.hash) return stored;
  return { events: witnessed.events, hash: last.hash };
}

function compareHeads(chain: string, stored: RecordHead | undefined, witnessed: RecordHead): AuditProblem[] {
  const at = { chain, chainSeq: null };
  if (!stored) {
    return witnessed.events
      ? [
          {
            ...at,
            problem: 'witness',
            message: words(
              `${chain}：整条记录缺失，而 Temporal 的历史记载了 ${witnessed.events} 条`,
              `${chain}: the whole record is missing; Temporal's history recorded ${witnessed.events} event(s)`,
            ),
          },
        ]
      : [];
  }
  if (stored.events < witnessed.events) {
    return [
      {
        ...at,
        problem: 'witness',
        message: words(
          `${chain}：缺少第 ${stored.events + 1} 至 ${witnessed.events} 条记录（Temporal 的历史记载了 ${witnessed.events} 条）`,
          `${chain}: events ${stored.events + 1}…${witnessed.events} are missing; Temporal's history recorded ${witnessed.events}`,
        ),
      },
    ];
  }
  if (stored.events > witnessed.events) {
    return [
      {
        ...at,
        problem: 'witness',
        message: words(
          `${chain}：第 ${witnessed.events} 条之后多出 ${stored.events - witnessed.events} 条记录，并非报告流程所写`,
          `${chain}: ${stored.events - witnessed.events} event(s) after ${witnessed.events} were never written by the report's workflow`,
        ),
      },
    ];
  }
  if (stored.hash !== witnessed.hash) {
    const heads = `(head ${stored.hash.slice(0, 12)}…, witnessed ${witnessed.hash.slice(0, 12)}…)`;
    return [
      {
        ...at,
        problem: 'witness',
        message: words(`${chain}：记录与报告流程所写的不一致 ${heads}`, `${chain}: the record differs from the one the report's workflow wrote ${heads}`),
      },
    ];
  }
  return [];
}

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/** Every run of the workflow, first run first (each continued-as-new run names the one before). */
async function historiesOf(client: Client, workflowId: string): Promise<HistoryEvent[][]> {
  const runs: HistoryEvent[][] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const events: HistoryEvent[] = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    runs.unshift(events);
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

/** Each Update Temporal completed: recorded once if it succeeded, not at all if it failed. */
async function checkActs(db: Db, client: Client, workflowId: string, reportId: string, problems: AuditProblem[]): Promise<number> {
  const outcomes = new Map<string, boolean>();
  for (const run of await historiesOf(client, workflowId)) {
    for (const event of run) {
      const completed = event.workflowExecutionUpdateCompletedEventAttributes;
      if (completed?.meta?.updateId) outcomes.set(completed.meta.updateId, !!completed.outcome?.success);
    }
  }
  const keys = new Set((await db.auditEvent.findMany({ where: { reportId }, select: { key: true } })).map((event) => event.key));
  const chain = `report:${reportId}`;
  for (const [updateId, succeeded] of outcomes) {
    const recorded = keys.has(`${workflowId}/update/${updateId}`);
    if (succeeded && !recorded) {
      problems.push({
        problem: 'act',
        chain,
        chainSeq: null,
        message: words(`${chain}：请求 ${updateId} 已执行，但台账中没有记录`, `${chain}: request ${updateId} was carried out but is not in the record`),
      });
    }
    if (!succeeded && recorded) {
      problems.push({
        problem: 'act',
        chain,
        chainSeq: null,
        message: words(`${chain}：请求 ${updateId} 未执行成功，台账中却有记录`, `${chain}: request ${updateId} failed but is in the record`),
      });
    }
  }
  for (const key of keys) {
    const updateId = key.startsWith(`${workflowId}/update/`) ? key.slice(`${workflowId}/update/`.length) : undefined;
    if (updateId && !outcomes.has(updateId)) {
      problems.push({
        problem: 'act',
        chain,
        chainSeq: null,
        message: words(
          `${chain}：台账中有请求 ${updateId}，而 Temporal 从未完成该请求`,
          `${chain}: the record holds request ${updateId}, which Temporal never completed`,
        ),
      });
    }
  }
  return [...outcomes.values()].filter(Boolean).length;
}

/** Every mail the workflow asked for is in the mail log, sent unless still waiting for SMTP. */
/** How often a running report's mail is counted again when the log and the workflow differ. */
const MAIL_RECHECKS = 3;

async function checkMailLog(db: Db, reportId: string, witness: Witness): Promise<{ sent: number; problem?: AuditProblem }> {
  const rows = await db.sentMail.groupBy({ by: ['status'], where: { reportId }, _count: { _all: true } });
  const count = (status: string) => rows.find((row) => row.status === status)?._count._all ?? 0;
  const sent = count('sent');
  const expected = witness.mailsAsked - witness.mailsWaiting;
  if (sent === expected) return { sent };
  return {
    sent,
    problem: {
      problem: 'mail',
      chain: `report:${reportId}`,
      chainSeq: null,
      message: words(
        `report:${reportId}：发信记录中已发送 ${sent} 封${count('sending') ? `、${count('sending')} 封未确认` : ''}；流程要求发送 ${witness.mailsAsked} 封，其中 ${witness.mailsWaiting} 封仍在等待`,
        `report:${reportId}: the mail log has ${sent} mail(s) sent${count('sending') ? ` and ${count('sending')} never confirmed` : ''}; the workflow asked for ${witness.mailsAsked}, ${witness.mailsWaiting} still waiting`,
      ),
    },
  };
}

async function sentMessageIds(db: Db, seasonId: string): Promise<string[]> {
  return (await db.sentMail.findMany({ where: { seasonId, status: 'sent' }, select: { messageId: true } })).map((row) => row.messageId);
}

/** On the embedded stack: every logged mail arrived (once: a resend carries the same Message-ID). */
function checkMailbox(messageIds: string[], dir: string, problems: AuditProblem[]): number | undefined {
  if (!existsSync(dir)) return undefined;
  const received = new Set(new Mailbox(dir).list().map((mail) => mail.messageId));
  const missing = messageIds.filter((id) => !received.has(id));
  if (missing.length) {
    problems.push({
      problem: 'mail',
      chain: null,
      chainSeq: null,
      message: words(
        `${missing.length} 封记为已发送的邮件没有到达邮箱，例如 ${missing[0]}`,
        `${missing.length} mail(s) logged as sent never reached the mailbox, e.g. ${missing[0]}`,
      ),
    });
  }
  return messageIds.length - missing.length;
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}
