// Proves a season's record is as it was written, from the database alone: every chain (the
// season's and each report's) is unbroken, every hash holds, every event carries a MAC under a key
// the database does not hold, and every report's read model is what its record says. What the
// database cannot prove alone (a chain cut off at its tail, a whole report's chain deleted with its
// row) is proven against Temporal's history by app/audit-witness.ts.
import type { Db } from './client';
import { eventHash, GENESIS_HASH, headOverChains, type RecordBreak } from './audit';
import type { AuditKeyring } from '../config/audit-key';
import type { RecordHead } from '../domain/messages';
import { readModelFromRecord } from '../domain/report-record';
import { checkRecordTables } from './audit-verify-tables';
import { words, type Words } from '../domain/words';

export type AuditProblemKind =
  'edited' | 'missing' | 'out_of_order' | 'unchained' | 'unauthenticated' | 'read_model' | 'head_changed' | 'witness' | 'act' | 'mail';

export interface AuditProblem {
  problem: AuditProblemKind;
  chain: string | null;
  chainSeq: number | null;
  /** What was found, in both languages. */
  message: Words;
}

export interface AuditVerification {
  seasonId: string;
  events: number;
  chains: number;
  /** Reports whose read model was compared with their record. */
  reports: number;
  /** Intact: nothing found wrong and nothing left unchecked. */
  ok: boolean;
  /** One hash over every chain's head (本台账校验值): compare it with the one printed at close. */
  headHash: string;
  /** Each chain's head as verified. */
  heads: Record<string, RecordHead>;
  problems: AuditProblem[];
  /** What could not be checked here, and why (a key not configured, a workflow unreachable). */
  unchecked: Words[];
}

/** Verify was asked about something it cannot check: exit 2, not a verdict. */
export class AuditCannotCheckError extends Error {
  constructor(readonly reason: Words) {
    super(reason.en);
    this.name = 'AuditCannotCheckError';
  }
}

export { words, type Words } from '../domain/words';

type Event = Awaited<ReturnType<Db['auditEvent']['findMany']>>[number];

export async function verifyAuditChain(db: Db, keyring: AuditKeyring, seasonId: string): Promise<AuditVerification> {
  const season = await db.season.findUnique({ where: { id: seasonId }, select: { summaryJson: true, status: true } });
  if (!season) throw new AuditCannotCheckError(words(`数据库中没有述职季度 ${seasonId}。`, `no season ${seasonId} in this database`));
  const events = await db.auditEvent.findMany({ where: { seasonId }, orderBy: { id: 'asc' } });
  const problems: AuditProblem[] = [];
  const chains = new Map<string, Event[]>();
  for (const event of events) {
    if (!event.chain) {
      problems.push({
        problem: 'unchained',
        chain: null,
        chainSeq: null,
        message: words(`第 ${event.id} 号记录（${event.action}）没有校验哈希`, `event #${event.id} (${event.action}) carries no hash`),
      });
      continue;
    }
    chains.set(event.chain, [...(chains.get(event.chain) ?? []), event]);
  }
  const heads: Record<string, RecordHead> = {};
  for (const [chain, chainEvents] of chains) {
    heads[chain] = verifyChain(chain, chainEvents, keyring, problems);
  }
  const headHash = headOverChains(Object.entries(heads).map(([chain, head]) => ({ chain, hash: head.hash })));
  const reports = await checkReadModels(db, seasonId, chains, problems);
  for (const { chain, message } of await checkRecordTables(db, seasonId, events)) {
    problems.push({ problem: 'read_model', chain, chainSeq: null, message: words(`${chain}：${message['zh-CN']}`, `${chain}: ${message.en}`) });
  }
  const printedHead = season.status === 'closed' ? (JSON.parse(season.summaryJson ?? '{}') as { recordHead?: string }).recordHead : undefined;
  if (printedHead && printedHead !== headHash) {
    problems.push({
      problem: 'head_changed',
      chain: null,
      chainSeq: null,
      message: words(
        `台账校验值现为 ${headHash}，与季度结束时的 ${printedHead} 不符`,
        `the record's head is ${headHash}, not ${printedHead} as at the season's close`,
      ),
    });
  }
  return {
    seasonId,
    events: events.length,
    chains: chains.size,
    reports,
    ok: problems.length === 0,
    headHash,
    heads,
    problems,
    unchecked: [],
  };
}

/** Checks one chain in the order the rows were stored; returns its head. */
function verifyChain(chain: string, events: Event[], keyring: AuditKeyring, problems: AuditProblem[]): RecordHead {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const event of events) {
    const seq = event.chainSeq ?? 0;
    const at = { chain, chainSeq: seq };
    if (seq > expectedSeq) {
      problems.push({
        ...at,
        problem: 'missing',
        message: words(
          `${chain}：第 ${seq} 条之前缺少第 ${expectedSeq}${seq - 1 > expectedSeq ? `至 ${seq - 1}` : ''} 条记录`,
          `${chain}: event ${expectedSeq}${seq - 1 > expectedSeq ? `…${seq - 1}` : ''} is missing before ${seq}`,
        ),
      });
    } else if (seq < expectedSeq) {
      problems.push({
        ...at,
        problem: 'out_of_order',
        message: words(`${chain}：第 ${seq} 条记录被移到了第 ${expectedSeq - 1} 条之后`, `${chain}: event ${seq} is stored after event ${expectedSeq - 1}`),
      });
    } else if (event.prevHash !== prevHash) {
      problems.push({
        ...at,
        problem: 'missing',
        message: words(`${chain}：第 ${seq} 条记录与前一条接不上（中间有记录被删除或替换）`, `${chain}: event ${seq} does not follow the event before it`),
      });
    }
    // A time that is no date at all was never written by the product: edited, like any changed field.
    const hash = Number.isNaN(event.occurredAt.getTime()) ? undefined : eventHash(event.prevHash ?? '', { ...event, chainSeq: seq });
    if (hash === undefined || hash !== event.hash) {
      problems.push({
        ...at,
        problem: 'edited',
        message: words(
          `${chain}：第 ${seq} 条记录（${event.action}）写入后被修改过`,
          `${chain}: event ${seq} (${event.action}) was changed after it was written`,
        ),
      });
    } else if (!event.mac || !event.macKeyId) {
      problems.push({
        ...at,
        problem: 'unauthenticated',
        message: words(`${chain}：第 ${seq} 条记录（${event.action}）没有认证码`, `${chain}: event ${seq} (${event.action}) carries no MAC`),
      });
    } else {
      const authentic = keyring.check(event.macKeyId, hash, event.mac);
      if (authentic === undefined) {
        // A key id nobody configured is what a forger who invents one would write: a finding, with
        // the remedy for the honest case (a retired secret left out of the configuration).
        problems.push({
          ...at,
          problem: 'unauthenticated',
          message: words(
            `${chain}：第 ${seq} 条记录（${event.action}）的认证密钥 ${event.macKeyId} 不是本系统配置的密钥；若确为已停用的旧密钥，请将其加入 SHUZHI_RETIRED_SECRETS 后重新核验`,
            `${chain}: event ${seq} (${event.action}) names key ${event.macKeyId}, which is not configured here; if it is a retired secret, list it in SHUZHI_RETIRED_SECRETS and verify again`,
          ),
        });
      } else if (!authentic) {
        problems.push({
          ...at,
          problem: 'unauthenticated',
          message: words(
            `${chain}：第 ${seq} 条记录（${event.action}）不是本系统写入的：认证码不符`,
            `${chain}: event ${seq} (${event.action}) was not written by Shuzhi: its MAC does not match`,
          ),
        });
      }
    }
    const broken = (JSON.parse(event.detailJson) as { recordBroken?: RecordBreak }).recordBroken;
    if (broken) {
      problems.push({
        ...at,
        problem: 'witness',
        message: words(
          `${chain}：写入第 ${seq} 条时，报告流程已知 ${broken.knownEvents} 条记录，而数据库中的记录与之不符（当时有 ${broken.foundEvents} 条）：此前的记录被删除或替换过`,
          `${chain}: when event ${seq} was written the workflow knew ${broken.knownEvents} event(s), and the database's chain (then ${broken.foundEvents}) did not hold them: events before it were deleted or replaced`,
        ),
      });
    }
    prevHash = event.hash ?? '';
    expectedSeq = Math.max(expectedSeq, seq + 1);
  }
  return { events: expectedSeq - 1, hash: prevHash };
}

/** Every report's read model against what its record says, and every report with a record at all. */
async function checkReadModels(db: Db, seasonId: string, chains: Map<string, Event[]>, problems: AuditProblem[]): Promise<number> {
  const reports = await db.report.findMany({
    where: { seasonId },
    select: { id: true, state: true, currentVersion: true, rating: true, dueAt: true },
  });
  for (const report of reports) {
    const chain = `report:${report.id}`;
    const events = chains.get(chain);
    if (!events?.length) {
      problems.push({ problem: 'missing', chain, chainSeq: null, message: words(`${chain}：该报告没有任何记录`, `${chain}: the report has no record at all`) });
      continue;
    }
    const expected = readModelFromRecord(
      events.map((e) => ({ action: e.action, versionNumber: e.versionNumber, detail: JSON.parse(e.detailJson) as Record<string, unknown> })),
    );
    const actual = { state: report.state, currentVersion: report.currentVersion, rating: report.rating, dueAt: report.dueAt.toISOString() };
    const wanted = { ...expected, dueAt: expected.dueAt ? new Date(expected.dueAt).toISOString() : actual.dueAt };
    for (const field of ['state', 'currentVersion', 'rating', 'dueAt'] as const) {
      if (actual[field] !== wanted[field]) {
        problems.push({
          problem: 'read_model',
          chain,
          chainSeq: null,
          message: words(
            `${chain}：报告的 ${field} 为 ${JSON.stringify(actual[field])}，而记录表明应为 ${JSON.stringify(wanted[field])}`,
            `${chain}: the report's ${field} is ${JSON.stringify(actual[field])}, but its record says ${JSON.stringify(wanted[field])}`,
          ),
        });
      }
    }
  }
  const rows = new Set(reports.map((r) => `report:${r.id}`));
  for (const chain of chains.keys()) {
    if (chain.startsWith('report:') && !rows.has(chain)) {
      problems.push({
        problem: 'read_model',
        chain,
        chainSeq: null,
        message: words(`${chain}：记录中有该报告，但报告本身已不存在`, `${chain}: the record has events for a report that has no row`),
      });
    }
  }
  return reports.length;
}
