// Who may act on a season as a whole. Checked here, once, for every door (CLI, pages, API).
import type { Db } from '../db/client';
import type { Actor } from '../domain/report-api';
import { ReportRequestError } from './report-commands';

/** Refuses an actor who is not a current admin of the season. */
export async function assertSeasonAdmin(db: Db, seasonId: string, actor: Actor, act: { 'zh-CN': string; en: string }): Promise<void> {
  const email = actor.email.toLowerCase();
  const admin = await db.roleAssignment.findFirst({ where: { seasonId, role: 'admin', validUntil: null, person: { email } } });
  if (admin) return;
  // Said to the person themselves, on a page or in a terminal: the season by its title, not its id.
  const season = await db.season.findUnique({ where: { id: seasonId }, select: { title: true } });
  const title = season?.title ?? seasonId;
  throw new ReportRequestError('not_permitted', {
    'zh-CN': `只有“${title}”的管理员可以${act['zh-CN']}，你（${email}）不是。`,
    en: `Only the admins of “${title}” may ${act.en}; you (${email}) are not one.`,
  });
}
