// Who may act on a season as a whole. Checked here, once, for every door (CLI, pages, API).
import type { Db } from '../db/client';
import type { Actor } from '../domain/report-api';
import { ReportRequestError } from './report-commands';

/** Refuses an actor who is not a current admin of the season. */
export async function assertSeasonAdmin(db: Db, seasonId: string, actor: Actor, act: { 'zh-CN': string; en: string }): Promise<void> {
  const email = actor.email.toLowerCase();
  const admin = await db.roleAssignment.findFirst({ where: { seasonId, role: 'admin', validUntil: null, person: { email } } });
  if (admin) return;
  throw new ReportRequestError('not_permitted', {
    'zh-CN': `${email} 不是述职季度 ${seasonId} 的管理员，不能${act['zh-CN']}。`,
    en: `${email} is not an admin of season ${seasonId}, so cannot ${act.en}.`,
  });
}
