// A person's to-do list (待办): what they must do now, by when, each linked to where it is done.
// A secretary writes or revises her report; a reviewer reviews what waits for them; leadership
// approves what passed review (and reviews what has no reviewer); an admin follows up the season's
// overdue branches. From the read model, a few counted queries.
import type { Db, Prisma } from '../db/client';
import { writingDue } from '../domain/report-steps';
import { WRITING_STATES } from '../domain/vocabulary';
import type { TextKey } from './i18n';
import { reportHref } from './format';

export interface TodoItem {
  what: TextKey;
  /** Which one, where the branch does not say it: an item's problem. */
  detail?: string;
  /** The branch (and season) it is about; absent for a count of several. */
  branch?: string;
  season?: string;
  count?: number;
  dueAt?: Date;
  timeZone?: string;
  href: string;
}

/** More reviews than this are shown as one line linking to the queue. */
const LISTED = 20;
const FIRST_DRAFT_STATES = WRITING_STATES.filter((s) => s !== 'revision_requested');

export async function todoFor(db: Db, email: string, adminSeasons: string[], now = new Date()): Promise<TodoItem[]> {
  const [writing, reviewing, leadership] = await Promise.all([
    db.report.findMany({
      where: { secretaryEmail: email, state: { in: [...WRITING_STATES] }, season: { status: 'running' } },
      include: { seasonBranch: true, season: true },
    }),
    db.report.findMany({
      where: { reviewerEmail: email, state: 'submitted', season: { status: 'running' } },
      include: { seasonBranch: true, season: true },
      orderBy: { reviewDueAt: 'asc' },
      take: LISTED + 1,
    }),
    db.roleAssignment.findMany({
      where: { role: { in: ['leader', 'party_group_secretary'] }, validUntil: null, person: { email } },
      select: { seasonId: true },
    }),
  ]);
  const items: TodoItem[] = writing.map((r) => ({
    what: r.state === 'revision_requested' ? 'todoRevise' : 'todoWrite',
    branch: r.seasonBranch.name,
    season: r.season.title,
    dueAt: writingDue(r),
    timeZone: r.season.timeZone,
    href: reportHref(r.id),
  }));
  if (reviewing.length > LISTED)
    items.push({ what: 'todoReview', count: await db.report.count({ where: { reviewerEmail: email, state: 'submitted' } }), href: '/queue?state=submitted' });
  else {
    for (const r of reviewing) {
      items.push({
        what: 'todoReview',
        branch: r.seasonBranch.name,
        season: r.season.title,
        dueAt: r.reviewDueAt ?? undefined,
        timeZone: r.season.timeZone,
        href: reportHref(r.id),
      });
    }
  }
  items.push(...(await leadershipItems(db, email, [...new Set(leadership.flatMap((r) => (r.seasonId ? [r.seasonId] : [])))])));
  items.push(...(await overdueItems(db, adminSeasons, now)));
  items.push(...(await rectificationTodo(db, email)));
  return items.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity));
}

/** Leadership approves what passed review, and reviews a submitted report that has no reviewer; never their own. */
async function leadershipItems(db: Db, email: string, seasonIds: string[]): Promise<TodoItem[]> {
  if (!seasonIds.length) return [];
  const mine: Prisma.ReportWhereInput = { seasonId: { in: seasonIds }, secretaryEmail: { not: email }, season: { status: 'running' } };
  const [toApprove, toReview] = await Promise.all([
    db.report.count({ where: { ...mine, state: 'reviewed' } }),
    db.report.count({ where: { ...mine, state: 'submitted', reviewerEmail: null } }),
  ]);
  return [
    ...(toApprove ? [{ what: 'todoApprove' as const, count: toApprove, href: '/queue?state=reviewed' }] : []),
    ...(toReview ? [{ what: 'todoReview' as const, count: toReview, href: '/queue?state=submitted' }] : []),
  ];
}

/** An admin follows up each running season's branches that are late with their report. */
async function overdueItems(db: Db, seasonIds: string[], now: Date): Promise<TodoItem[]> {
  if (!seasonIds.length) return [];
  const seasons = await db.season.findMany({ where: { id: { in: seasonIds }, status: 'running' }, select: { id: true, title: true } });
  const counts = await Promise.all(
    seasons.map((s) =>
      db.report.count({
        where: {
          seasonId: s.id,
          OR: [
            { state: { in: FIRST_DRAFT_STATES }, dueAt: { lt: now } },
            { state: 'revision_requested', revisionDueAt: { lt: now } },
          ],
        },
      }),
    ),
  );
  return seasons.flatMap((s, i) =>
    counts[i] ? [{ what: 'todoOverdue' as const, season: s.title, count: counts[i], href: `/seasons/${encodeURIComponent(s.id)}` }] : [],
  );
}

/**
 * 整改: the owner's open items (also after the season closed: they run on into the next), and the
 * items awaiting this person's verdict as a reviewer.
 */
async function rectificationTodo(db: Db, email: string): Promise<TodoItem[]> {
  const [owned, toAccept] = await Promise.all([
    db.rectificationItem.findMany({ where: { ownerEmail: email, state: 'open' }, orderBy: { dueAt: 'asc' }, take: LISTED }),
    db.rectificationItem.findMany({
      where: { state: 'progress_reported', reviewersJson: { contains: `"${email}"` } },
      orderBy: { dueAt: 'asc' },
      take: LISTED,
    }),
  ]);
  // Each under its branch and season, as reports are, the problem beside what to do.
  const reports = await db.report.findMany({
    where: { id: { in: [...new Set([...owned, ...toAccept].map((row) => row.reportId))] } },
    select: { id: true, seasonBranch: { select: { name: true } }, season: { select: { title: true, timeZone: true } } },
  });
  const reportOf = new Map(reports.map((r) => [r.id, r]));
  const item =
    (what: TextKey) =>
    (row: (typeof owned)[number]): TodoItem => ({
      what,
      detail: shortened(row.problem),
      branch: reportOf.get(row.reportId)?.seasonBranch.name,
      season: reportOf.get(row.reportId)?.season.title,
      dueAt: row.dueAt,
      timeZone: reportOf.get(row.reportId)?.season.timeZone ?? 'Asia/Shanghai',
      href: `/rectifications/${encodeURIComponent(row.id)}`,
    });
  return [...owned.map(item('todoRectify')), ...toAccept.map(item('todoAcceptRectification'))];
}

/** A to-do line shows the start of a long text; its page has the whole. */
const DETAIL_SHOWN = 40;
const shortened = (text: string) => ([...text].length > DETAIL_SHOWN ? `${[...text].slice(0, DETAIL_SHOWN).join('')}…` : text);
