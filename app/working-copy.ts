// Autosave's working copy: what the secretary typed, kept on the server between explicit saves. It
// is not an act of the workflow and not in the record: a version is made only by 保存 or a
// submission, so the version list holds what someone meant to keep. Who may write it is decided
// by the very rule the workflow's draft validator applies (workflows/report-rules.ts canWrite).
import type { Db } from '../db/client';
import { readWorkingCopy, writeWorkingCopy } from '../db/working-copies';
import type { Actor, RejectionDetail } from '../domain/report-api';
import { normalizeLineEndings } from '../domain/report-text';
import type { ReportState } from '../domain/vocabulary';
import { canWrite, effectiveActor } from '../workflows/report-rules';
import { measuredWithinLimit, ReportRequestError } from './report-commands';
import { loadReportParties } from './report-permissions';

const NO_REPORT = { 'zh-CN': '没有这份报告。', en: 'There is no such report.' };

/** Refuses, with the rules' own reason, anyone the workflow would not let save a draft now. */
async function assertMayWrite(db: Db, reportId: string, actor: Actor): Promise<void> {
  const report = await db.report.findUnique({
    where: { id: reportId },
    select: { id: true, seasonId: true, state: true, secretaryEmail: true, liaisonEmail: true, reviewerEmail: true },
  });
  if (!report) throw new ReportRequestError('not_found', NO_REPORT);
  const parties = await loadReportParties(db, report);
  try {
    canWrite(report.state as ReportState, parties.people, effectiveActor(actor, parties.delegations, Date.now()));
  } catch (error) {
    // The rules refuse with an ApplicationFailure whose detail says why in both languages.
    const detail = (error as { details?: RejectionDetail[] }).details?.[0];
    if (!detail?.code) throw error;
    throw new ReportRequestError(detail.code, detail);
  }
}

/** Keeps the typed text as the report's one working copy, replacing the last; makes no version. */
export async function saveWorkingCopy(db: Db, reportId: string, typed: string, actor: Actor): Promise<{ savedAt: Date }> {
  const body = normalizeLineEndings(typed);
  measuredWithinLimit(body);
  await assertMayWrite(db, reportId, actor);
  const savedAt = new Date();
  await writeWorkingCopy(db, reportId, body, actor.email, savedAt);
  return { savedAt };
}

/**
 * The working copy the editor should open: the one saved after the latest version (no version
 * was made since) whose text differs from it. Anything older was superseded by a save or a
 * submission and stays only as the text it was.
 */
export async function workingCopyToOpen(db: Db, reportId: string): Promise<{ body: string; savedAt: Date } | undefined> {
  const copy = await readWorkingCopy(db, reportId);
  if (!copy) return undefined;
  const latest = await db.reportVersion.findFirst({
    where: { reportId },
    orderBy: { number: 'desc' },
    select: { number: true, content: { select: { body: true } } },
  });
  if (copy.baseVersion < (latest?.number ?? 0) || copy.body === (latest?.content.body ?? '')) return undefined;
  return { body: copy.body, savedAt: copy.savedAt };
}
