// The rows an act writes beside its audit event, held against that event: each stored version
// (its text, its hash, its author), each review decision, comment and rating. Someone with
// database access who rewrites a report's text or a leader's rating in these tables, and leaves
// the MAC-protected events alone, is named here. Part of `audit verify` (db/audit-verify.ts).
import type { Db } from './client';
import { contentHashOf } from './report-content';
import { words, type Words } from '../domain/words';

/** A row that differs from the act recorded for it, in both languages. */
export interface TableFinding {
  /** The chain whose record the row contradicts: `report:<id>` or `season:<id>`. */
  chain: string;
  message: Words;
}

interface RecordedEvent {
  key: string;
  action: string;
  actorEmail: string;
  reportId: string | null;
  versionNumber: number | null;
  detailJson: string;
}

const detailOf = (event: RecordedEvent) => JSON.parse(event.detailJson) as { contentHash?: string; comment?: string; rating?: string };

const VERSION_ACTIONS: Readonly<Record<string, string>> = {
  'report.draft_saved': 'draft',
  'report.submitted': 'submission',
  'report.resubmitted': 'submission',
};
const DECISION_ACTIONS: Readonly<Record<string, string>> = {
  'report.review_passed': 'passed',
  'report.revision_requested': 'revision_requested',
  'report.approved': 'approved',
};

export async function checkRecordTables(db: Db, seasonId: string, events: readonly RecordedEvent[]): Promise<TableFinding[]> {
  const findings: TableFinding[] = [];
  const finding: Finding = (reportId, message) => void findings.push({ chain: `report:${reportId}`, message });
  await checkVersions(db, seasonId, events, finding);
  await checkDecisions(db, seasonId, events, finding);
  findings.push(...(await checkSeasonBranches(db, seasonId, events)));
  return findings;
}

/**
 * The branches and their names as the season's own events wrote them (each import lists them,
 * each added branch names itself) against the season's snapshot rows, which pages, mails and
 * exports read.
 */
async function checkSeasonBranches(db: Db, seasonId: string, events: readonly RecordedEvent[]): Promise<TableFinding[]> {
  const recorded = new Map<string, string>();
  let listed = false;
  for (const event of events) {
    if (event.reportId) continue;
    const detail = JSON.parse(event.detailJson) as { branchNames?: Record<string, string>; id?: string; name?: string };
    if (detail.branchNames) {
      listed = true;
      for (const [id, name] of Object.entries(detail.branchNames)) recorded.set(id, name);
    }
    if (event.action === 'season.branch_added' && detail.id && detail.name) recorded.set(detail.id, detail.name);
  }
  if (!listed) return []; // recorded before imports listed their branches
  const chain = `season:${seasonId}`;
  const findings: TableFinding[] = [];
  for (const row of await db.seasonBranch.findMany({ where: { seasonId }, select: { branchId: true, name: true } })) {
    const name = recorded.get(row.branchId);
    recorded.delete(row.branchId);
    if (name === undefined)
      findings.push({
        chain,
        message: words(`支部 ${row.branchId}（${row.name}）不在本季度的记录中`, `branch ${row.branchId} (${row.name}) is not in the season's record`),
      });
    else if (name !== row.name)
      findings.push({
        chain,
        message: words(
          `支部 ${row.branchId} 现名“${row.name}”，而记录中为“${name}”`,
          `branch ${row.branchId} is named "${row.name}", but the record says "${name}"`,
        ),
      });
  }
  for (const [id, name] of recorded) {
    findings.push({
      chain,
      message: words(`记录中的支部 ${id}（${name}）已从本季度中删除`, `branch ${id} (${name}) of the season's record is gone from the season`),
    });
  }
  return findings;
}

type Finding = (reportId: string, message: Words) => void;

async function checkVersions(db: Db, seasonId: string, events: readonly RecordedEvent[], finding: Finding): Promise<void> {
  const saved = new Map<string, RecordedEvent>();
  for (const event of events) {
    if (event.reportId && event.versionNumber && VERSION_ACTIONS[event.action]) saved.set(`${event.reportId}#${event.versionNumber}`, event);
  }
  const versions = await db.reportVersion.findMany({
    where: { report: { seasonId } },
    select: { reportId: true, number: true, kind: true, contentHash: true, authorEmail: true, content: { select: { body: true } } },
  });
  for (const version of versions) {
    const key = `${version.reportId}#${version.number}`;
    const event = saved.get(key);
    saved.delete(key);
    const v = version.number;
    if (!event) {
      finding(version.reportId, words(`第 ${v} 版在台账中没有保存或提交的记录`, `version ${v} has no save or submission in the record`));
      continue;
    }
    const recordedHash = detailOf(event).contentHash;
    if (VERSION_ACTIONS[event.action] !== version.kind || event.actorEmail !== version.authorEmail) {
      finding(version.reportId, words(`第 ${v} 版的类型或作者与台账记录不符`, `version ${v}: its kind or author differs from the record`));
    }
    if (recordedHash && version.contentHash !== recordedHash) {
      finding(version.reportId, words(`第 ${v} 版指向的正文不是台账记录的那份`, `version ${v} points at a text other than the one recorded`));
    }
    // The text is stored once, under its hash: a text edited in place no longer has it.
    if (contentHashOf(version.content.body) !== version.contentHash) {
      finding(version.reportId, words(`第 ${v} 版的正文写入后被修改过`, `version ${v}: its text was changed after it was saved`));
    }
  }
  for (const event of saved.values()) {
    finding(
      event.reportId as string,
      words(`台账记录了第 ${event.versionNumber} 版，但该版本已不存在`, `the record saved version ${event.versionNumber}, which is gone`),
    );
  }
}

async function checkDecisions(db: Db, seasonId: string, events: readonly RecordedEvent[], finding: Finding): Promise<void> {
  const byKey = new Map(events.map((event) => [event.key, event]));
  const where = { report: { seasonId } };
  const decisions = await db.reviewDecision.findMany({ where, select: { id: true, reportId: true, reviewerEmail: true, decision: true, comment: true } });
  const ratings = await db.rating.findMany({ where, select: { id: true, reportId: true, rating: true, leaderEmail: true } });
  const comments = await db.reviewComment.findMany({ where, select: { reportId: true, authorEmail: true, body: true } });
  for (const row of decisions) {
    const event = byKey.get(row.id);
    if (
      !event ||
      DECISION_ACTIONS[event.action] !== row.decision ||
      event.actorEmail !== row.reviewerEmail ||
      (detailOf(event).comment ?? null) !== row.comment
    ) {
      finding(row.reportId, words(`一条审阅或审批意见与台账记录不符（${row.decision}）`, `a review decision (${row.decision}) differs from the record`));
    }
  }
  for (const row of ratings) {
    const event = byKey.get(row.id);
    if (!event || event.action !== 'report.approved' || event.actorEmail !== row.leaderEmail || detailOf(event).rating !== row.rating) {
      finding(row.reportId, words(`评价“${row.rating}”与台账记录不符`, `the rating "${row.rating}" differs from the record`));
    }
  }
  const decided = new Set(decisions.map((row) => row.id));
  for (const event of events) {
    if (event.reportId && DECISION_ACTIONS[event.action] && !decided.has(event.key)) {
      finding(
        event.reportId,
        words(`台账记录的一项审阅或审批（${event.action}）在意见表中已不存在`, `a review decision the record holds (${event.action}) is gone from its table`),
      );
    }
  }
  const said = new Set(events.filter((e) => DECISION_ACTIONS[e.action]).map((e) => `${e.reportId}\n${e.actorEmail}\n${detailOf(e).comment ?? ''}`));
  for (const row of comments) {
    if (!said.has(`${row.reportId}\n${row.authorEmail}\n${row.body}`)) {
      finding(row.reportId, words('一条审阅意见的内容或作者与台账记录不符', 'a review comment differs from the record in its words or author'));
    }
  }
}
