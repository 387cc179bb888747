// The review queue: reports a reviewer or leader may act on, with filters, and bulk approval —
// select some or all, one rating or one each, confirm, see what happened to each.
import type { FastifyInstance } from 'fastify';
import { bulkApprove, type ApprovalResult } from '../../client/bulk-approve';
import type { Prisma } from '../../db/client';
import { RATINGS, REPORT_STATES, REVIEW_STATES, WRITING_STATES, type Rating } from '../../domain/vocabulary';
import { reviewableReports } from '../access';
import { dateIn, reportHref, stateBadge } from '../format';
import { html } from '../html';
import { stateName } from '../i18n';
import { csrfField, type PageContext } from '../layout';
import { contextOf, requireViewer, sendPage, webActor, type Viewer, type WebDeps } from '../server';

interface QueueFilters {
  state?: string;
  subtree?: string;
  overdue?: string;
  rating?: string;
}

const QUEUE_LIMIT = 500;

export function registerQueue(app: FastifyInstance, deps: WebDeps) {
  app.get<{ Querystring: QueueFilters }>('/queue', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const ctx = contextOf(request, deps);
    const filters = request.query;
    const reports = await deps.db.report.findMany({
      where: { AND: [reviewableReports(viewer.reach), await filterWhere(filters)] },
      include: { branch: true, season: true },
      orderBy: [{ seasonId: 'asc' }, { branchId: 'asc' }],
      take: QUEUE_LIMIT,
    });
    const subtrees = await deps.db.organization.findMany({
      where: { OR: viewer.reach.subtrees.map((s) => ({ path: { startsWith: s.path } })) },
      orderBy: { path: 'asc' },
      take: 200,
    });
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
            <td><a href="${reportHref(r.id)}">${r.branch.name}</a><div class="muted">${r.season.title}</div></td>
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
      const root = await deps.db.organization.findUnique({ where: { id: filters.subtree } });
      where.push({ branch: { path: { startsWith: root?.path ?? '\u0000' } } });
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

interface ApprovalPlan {
  items: { reportId: string; rating?: Rating }[];
  comment?: string;
}

function approvalPlan(form: Record<string, string | string[]>): ApprovalPlan {
  const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  const asRating = (value: unknown) => (RATINGS as readonly unknown[]).includes(value) ? (value as Rating) : undefined;
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
      (r) => html`<tr data-outcome="${r.outcome}"><td><a href="${reportHref(r.reportId)}">${r.reportId}</a></td><td>${r.outcome}</td><td>${r.reason?.[ctx.locale] ?? ''}</td></tr>`,
    )}</tbody></table><p><a href="/queue">← ${ctx.t('reviewQueue')}</a></p>`;
}
