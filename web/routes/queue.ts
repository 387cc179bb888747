// The review queue: reports a reviewer or leader may act on, with filters, and bulk approval —
// select some or all, a rating on each row or one for the rest, confirm, see what happened to each.
import type { FastifyInstance } from 'fastify';
import { approveChosen } from '../../app/bulk-approve';
import type { Db, Prisma } from '../../db/client';
import { RATINGS, REPORT_STATES, REVIEW_STATES, WRITING_STATES } from '../../domain/vocabulary';
import { reviewableReports, type Reach } from '../access';
import { approvalPlan, plannedReports, readyToApprove } from '../bulk-plan';
import { html } from '../html';
import { stateName } from '../i18n';
import { csrfField } from '../layout';
import { bulkFields, confirmPage, queueTable, resultsTable } from '../pages/queue-page';
import { contextOf, errorPage, requireViewer, sendPage, webActor, type WebDeps } from '../context';

interface QueueFilters {
  state?: string;
  subtree?: string;
  overdue?: string;
  rating?: string;
}

const QUEUE_LIMIT = 500;

export async function queueRoutes(app: FastifyInstance, deps: WebDeps) {
  app.get<{ Querystring: QueueFilters }>('/queue', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    // A secretary has nothing to review or approve: no empty queue and bulk form for her.
    if (!viewer.reviews)
      return reply
        .code(403)
        .type('text/html')
        .send(errorPage(request, deps, 'forbidden'));
    const ctx = contextOf(request, deps);
    const filters = request.query;
    const reports = await deps.db.report.findMany({
      where: { AND: [reviewableReports(viewer.reach), await filterWhere(filters)] },
      include: { seasonBranch: true, season: true },
      orderBy: [{ seasonId: 'asc' }, { branchId: 'asc' }],
      take: QUEUE_LIMIT,
    });
    const subtrees = await subtreeOptions(deps.db, viewer.reach);
    return sendPage(
      reply,
      ctx,
      ctx.t('reviewQueue'),
      html`
      <form method="get" action="/queue" class="filters" data-testid="filters">
        <label>${ctx.t('state')} <select name="state"><option value="">${ctx.t('any')}</option>
          ${REPORT_STATES.map((s) => html`<option value="${s}" ${filters.state === s ? 'selected' : ''}>${stateName(s, ctx.locale)}</option>`)}</select></label>
        <label>${ctx.t('subtree')} <select name="subtree"><option value="">${ctx.t('any')}</option>
          ${subtrees.map((o) => html`<option value="${o.id}" ${filters.subtree === o.id ? 'selected' : ''}>${o.name}</option>`)}</select></label>
        <label>${ctx.t('rating')} <select name="rating"><option value="">${ctx.t('any')}</option>
          ${RATINGS.map((r) => html`<option ${filters.rating === r ? 'selected' : ''}>${r}</option>`)}</select></label>
        <label><input type="checkbox" name="overdue" value="1" ${filters.overdue ? 'checked' : ''}> ${ctx.t('overdueOnly')}</label>
        <button>${ctx.t('filter')}</button>
      </form>
      ${
        viewer.approves
          ? html`<form method="post" action="/queue/confirm" data-testid="bulk-form">
              ${csrfField(ctx)}
              ${queueTable(ctx, reports)}
              ${reports.length ? '' : html`<p class="muted">${ctx.t('nothingHere')}</p>`}
              ${bulkFields(ctx)}
              <button class="primary" data-testid="bulk-approve">${ctx.t('bulkApprove')}</button>
            </form>`
          : html`${queueTable(ctx, reports, false)}${reports.length ? '' : html`<p class="muted">${ctx.t('nothingHere')}</p>`}`
      }`,
    );
  });

  // Confirm first: the leader sees exactly what will be approved with which rating.
  app.post<{ Body: Record<string, string | string[]> }>('/queue/confirm', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const ctx = contextOf(request, deps);
    const plan = approvalPlan(request.body ?? {});
    const reports = await plannedReports(deps.db, viewer.reach, plan);
    return sendPage(reply, ctx, ctx.t('confirmBulk'), confirmPage(ctx, reports, plan.comment), readyToApprove(reports) ? 200 : 422);
  });

  app.post<{ Body: Record<string, string | string[]> }>('/queue/approve', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const ctx = contextOf(request, deps);
    const plan = approvalPlan(request.body ?? {});
    const reports = await plannedReports(deps.db, viewer.reach, plan);
    // Checked again here: a report without a rating is never approved, whatever the form sent.
    if (!readyToApprove(reports)) return sendPage(reply, ctx, ctx.t('confirmBulk'), confirmPage(ctx, reports, plan.comment), 422);
    const results = await approveChosen(deps.temporal, deps.db, webActor(viewer), { items: reports, comment: plan.comment });
    const names = new Map(reports.map((r) => [r.reportId, r.branchName]));
    return sendPage(reply, ctx, ctx.t('results'), resultsTable(ctx, results, names));
  });

  async function filterWhere(filters: QueueFilters): Promise<Prisma.ReportWhereInput> {
    const now = new Date();
    const where: Prisma.ReportWhereInput[] = [];
    if (filters.state) where.push({ state: filters.state });
    else where.push({ state: { in: [...REVIEW_STATES, 'reviewed'] } });
    if (filters.rating) where.push({ rating: filters.rating });
    if (filters.subtree) {
      // A branch's subtree in each season that has it, by that season's own path for it; the root
      // a season hangs from (which no season snapshots) by its path, which every season shares.
      const nodes = await deps.db.seasonBranch.findMany({ where: { branchId: filters.subtree }, select: { seasonId: true, path: true } });
      if (nodes.length) where.push({ OR: nodes.map((n) => ({ seasonId: n.seasonId, seasonBranch: { path: { startsWith: n.path } } })) });
      else {
        const root = await deps.db.organization.findUnique({ where: { id: filters.subtree } });
        where.push({ seasonBranch: { path: { startsWith: root?.path ?? '\u0000' } } });
      }
    }
    if (filters.overdue) {
      where.push({
        OR: [
          { state: { in: [...WRITING_STATES] }, dueAt: { lt: now } },
          { state: { in: [...REVIEW_STATES] }, reviewDueAt: { lt: now } },
        ],
      });
    }
    return { AND: where };
  }
}

const SUBTREE_OPTIONS = 200;

/**
 * The organizations the subtree filter offers, in path order: the ones this person's subtree roles
 * are held on, and every branch under them as its season knows it (a branch in several seasons
 * once, by its name in the latest of them).
 */
async function subtreeOptions(db: Db, reach: Reach): Promise<{ id: string; name: string; path: string }[]> {
  if (!reach.subtrees.length) return [];
  const [heads, branches] = await Promise.all([
    db.organization.findMany({ where: { path: { in: [...new Set(reach.subtrees.map((s) => s.path))] } }, select: { id: true, name: true, path: true } }),
    db.seasonBranch.findMany({
      where: { OR: reach.subtrees.map((s) => ({ seasonId: s.seasonId, path: { startsWith: s.path } })) },
      select: { branchId: true, name: true, path: true, season: { select: { year: true } } },
      orderBy: { path: 'asc' },
      take: SUBTREE_OPTIONS * reach.subtrees.length,
    }),
  ]);
  const latest = new Map<string, { id: string; name: string; path: string; year: number }>();
  for (const b of branches) {
    const seen = latest.get(b.branchId);
    if (!seen || b.season.year > seen.year) latest.set(b.branchId, { id: b.branchId, name: b.name, path: b.path, year: b.season.year });
  }
  const options = [...heads.filter((o) => !latest.has(o.id)), ...[...latest.values()].map(({ id, name, path }) => ({ id, name, path }))];
  return options.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).slice(0, SUBTREE_OPTIONS);
}
