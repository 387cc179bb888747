// The review queue: reports a reviewer or leader may act on, with filters, and bulk approval —
// select some or all, one rating or one each, confirm, see what happened to each.
import type { FastifyInstance } from 'fastify';
import { bulkApprove, type ApprovalResult } from '../../app/bulk-approve';
import type { Db, Prisma } from '../../db/client';
import { RATINGS, REPORT_STATES, REVIEW_STATES, WRITING_STATES, type Rating } from '../../domain/vocabulary';
import { reviewableReports, type Reach } from '../access';
import { dateIn, reportHref, stateBadge } from '../format';
import { html } from '../html';
import { stateName } from '../i18n';
import { csrfField, type PageContext } from '../layout';
import { contextOf, requireViewer, sendPage, webActor, type Viewer, type WebDeps } from '../context';

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
      <form method="post" action="/queue/confirm" data-testid="bulk-form">
        ${csrfField(ctx)}
        <table class="queue"><thead><tr>
          <th><input type="checkbox" data-select-all aria-label="${ctx.t('selectAll')}" data-testid="select-all"></th>
          <th>${ctx.t('branch')}</th><th>${ctx.t('state')}</th><th>${ctx.t('dueDate')}</th><th>${ctx.t('rating')}</th></tr></thead>
        <tbody>${reports.map(
          (r) => html`<tr data-report="${r.id}">
            <td><input type="checkbox" name="reportId" value="${r.id}" data-testid="select-${r.branchId}"></td>
            <td><a href="${reportHref(r.id)}">${r.seasonBranch.name}</a><div class="muted">${r.season.title}</div></td>
            <td>${stateBadge(r.state, ctx.locale)}</td>
            <td>${dateIn(r.dueAt, r.season.timeZone)}</td>
            <td>${r.rating ?? html`<select name="rating:${r.id}" data-testid="rating-${r.branchId}"><option value="">—</option>${RATINGS.map((x) => html`<option>${x}</option>`)}</select>`}</td>
          </tr>`,
        )}</tbody></table>
        ${reports.length ? '' : html`<p class="muted">${ctx.t('nothingHere')}</p>`}
        <fieldset><legend>${ctx.t('rating')}</legend>
          <label><input type="radio" name="mode" value="one" checked data-testid="mode-one"> ${ctx.t('oneRatingForAll')}
            <select name="rating" data-testid="rating-all">${RATINGS.map((r) => html`<option>${r}</option>`)}</select></label>
          <label><input type="radio" name="mode" value="each" data-testid="mode-each"> ${ctx.t('perReport')}</label>
        </fieldset>
        <label>${ctx.t('comment')} <input name="comment"></label>
        <button class="primary" data-testid="bulk-approve">${ctx.t('bulkApprove')}</button>
      </form>`,
    );
  });

  // Confirm first: the leader sees exactly what will be approved with which rating.
  app.post<{ Body: Record<string, string | string[]> }>('/queue/confirm', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const ctx = contextOf(request, deps);
    const plan = approvalPlan(request.body ?? {});
    return sendPage(
      reply,
      ctx,
      ctx.t('confirmBulk'),
      html`<form method="post" action="/queue/approve">${csrfField(ctx)}
        <input type="hidden" name="comment" value="${plan.comment ?? ''}">
        <table><thead><tr><th>${ctx.t('branch')}</th><th>${ctx.t('rating')}</th></tr></thead><tbody>
        ${plan.items.map(
          (item) => html`<tr><td>${item.reportId}<input type="hidden" name="reportId" value="${item.reportId}"></td>
            <td>${item.rating ?? '—'}<input type="hidden" name="rating:${item.reportId}" value="${item.rating ?? ''}"></td></tr>`,
        )}</tbody></table>
        <input type="hidden" name="mode" value="each">
        <button class="primary" data-testid="confirm">${ctx.t('confirmBulk')} (${plan.items.length})</button>
      </form>`,
    );
  });

  app.post<{ Body: Record<string, string | string[]> }>('/queue/approve', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const ctx = contextOf(request, deps);
    const results = await approve(deps, viewer, approvalPlan(request.body ?? {}));
    return sendPage(reply, ctx, ctx.t('results'), resultsTable(ctx, results));
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

interface ApprovalPlan {
  items: { reportId: string; rating?: Rating }[];
  comment?: string;
}

function approvalPlan(form: Record<string, string | string[]>): ApprovalPlan {
  const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  const asRating = (value: unknown) => ((RATINGS as readonly unknown[]).includes(value) ? (value as Rating) : undefined);
  const one = form.mode !== 'each' ? asRating(form.rating) : undefined;
  return {
    items: list(form.reportId).map((reportId) => ({ reportId, rating: one ?? asRating(form[`rating:${reportId}`]) })),
    comment: typeof form.comment === 'string' && form.comment ? form.comment : undefined,
  };
}

/** One bulk approval per season, each report its own audited update by this person. */
async function approve(deps: WebDeps, viewer: Viewer, plan: ApprovalPlan): Promise<ApprovalResult[]> {
  const bySeason = new Map<string, ApprovalPlan['items']>();
  for (const item of plan.items) {
    const seasonId = item.reportId.split('/')[0] ?? '';
    bySeason.set(seasonId, [...(bySeason.get(seasonId) ?? []), item]);
  }
  const results: ApprovalResult[] = [];
  for (const [seasonId, items] of bySeason) {
    results.push(
      ...(await bulkApprove(deps.temporal, deps.db, {
        seasonId,
        actor: webActor(viewer),
        branchIds: items.map((i) => i.reportId.split('/')[1] ?? ''),
        ratings: Object.fromEntries(items.flatMap((i) => (i.rating ? [[i.reportId, i.rating]] : []))),
        comment: plan.comment,
      })),
    );
  }
  return results;
}

function resultsTable(ctx: PageContext, results: ApprovalResult[]) {
  return html`<table data-testid="results"><thead><tr><th>${ctx.t('branch')}</th><th>${ctx.t('results')}</th><th></th></tr></thead><tbody>
    ${results.map(
      (r) =>
        html`<tr data-outcome="${r.outcome}"><td><a href="${reportHref(r.reportId)}">${r.reportId}</a></td><td>${r.outcome}</td><td>${r.reason?.[ctx.locale] ?? ''}</td></tr>`,
    )}</tbody></table><p><a href="/queue">← ${ctx.t('reviewQueue')}</a></p>`;
}
