// The admin's season dashboard, from the read model only (a 10,000-branch season renders from a
// few grouped queries): counts, progress and ratings charts, the overdue list with who was told,
// every branch (paged) with a link to its timeline, and the season-wide buttons.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { closeSeason, seasonStatusWithProgress } from '../../app/season-commands';
import { extendSeason } from '../../app/season-changes';
import { branchPage } from '../../db/season-lists';
import { loadSeasonExportData } from '../../exports/season-data';
import { seasonCsv } from '../../exports/csv-export';
import { seasonMarkdown } from '../../exports/markdown-export';
import { seasonDocx } from '../../exports/docx-export';
import { readNewDueDate } from '../../app/admin-input';
import { rectificationProgress } from '../../app/rectification';
import { childSeasons, parentSeason } from '../../app/season-levels';
import { childSeasonsSection, exportLinks, parentLine } from '../pages/child-seasons';
import { ReportRequestError } from '../../app/report-commands';
import { writingDue } from '../../domain/report-steps';
import { RATINGS, REPORT_STATES, roleName, SETTLED_STATES } from '../../domain/vocabulary';
import { barChart, cumulativeChart } from '../charts';
import { dateIn, reportHref, stateBadge } from '../format';
import { html } from '../html';
import { seasonStatusName, stateName } from '../i18n';
import { csrfField } from '../layout';
import { person, namesFor } from '../people';
import { confirmation, isConfirmed } from '../pages/confirm-page';
import { closeConfirmation, doneMessage, extensionOutcome, type DashboardMessage, type DashboardQuery } from '../pages/season-messages';
import { contextOf, errorPage, requireSeasonAdmin, requireSeasonReader, sendPage, webActor, type Viewer, type WebDeps } from '../context';

const PAGE = 100;
const OVERDUE_SHOWN = 200;

type SeasonRequest = FastifyRequest<{ Params: { id: string } }>;

export async function dashboardRoutes(app: FastifyInstance, deps: WebDeps) {
  const admin = (request: SeasonRequest, reply: FastifyReply): Promise<Viewer | undefined> => requireSeasonAdmin(request, reply, deps);

  // An admin of a season above this one (a district over its bureaus) reads it, without its buttons.
  app.get<{ Params: { id: string }; Querystring: DashboardQuery }>('/seasons/:id', async (request, reply) => {
    const reader = await requireSeasonReader(request, reply, deps);
    if (!reader) return reply;
    return dashboard(request, reply, doneMessage(request.locale, request.query), 200, !reader.own);
  });

  /** The dashboard, with a sentence on what was just done, or why it was not. */
  async function dashboard(request: SeasonRequest, reply: FastifyReply, message?: DashboardMessage, code = 200, readOnly = false) {
    const ctx = contextOf(request, deps);
    const { t, locale } = ctx;
    const seasonId = request.params.id;
    const page = Math.max(0, Number((request.query as DashboardQuery).page ?? 0) || 0);
    const [{ status, progress }, branches, meetings, rectification, children, parent] = await Promise.all([
      seasonStatusWithProgress(deps.db, seasonId),
      branchPage(deps.db, seasonId, page * PAGE, PAGE),
      deps.db.evaluationMeeting.findMany({
        where: { seasonId },
        select: { meetingId: true, title: true, status: true, closesAt: true },
        orderBy: { closesAt: 'asc' },
      }),
      rectificationProgress(deps.db, seasonId),
      childSeasons(deps.db, seasonId),
      parentSeason(deps.db, seasonId),
    ]);
    const overdue = status.overdue.slice(0, OVERDUE_SHOWN);
    const nameOf = await namesFor(deps.db, seasonId, [...overdue.map((o) => o.secretaryEmail), ...branches.map((b) => b.secretaryEmail)]);
    const total = status.branches;
    const counts = REPORT_STATES.filter((s) => status.reportsByState[s]).map((s) => ({
      label: stateName(s, locale),
      value: status.reportsByState[s] ?? 0,
      state: s,
    }));
    return sendPage(
      reply,
      ctx,
      status.title,
      html`
      ${message ? html`<p class="${message.kind}" data-testid="message" role="status">${message.text}</p>` : ''}
      ${parent ? parentLine(ctx, parent, readOnly) : ''}
      <p class="facts"><span data-testid="season-status">${seasonStatusName(status.status, locale)}</span><span>${t('dueDate')}: ${dateIn(new Date(status.dueAt), status.timeZone)}</span><span>${total} ${t('branch')}</span></p>
      <div class="grid">
        <section><h2>${t('countsByState')}</h2>
          <div data-testid="counts">${barChart(counts, 'state-chart')}</div>
        </section>
        <section><h2>${t('progressOverTime')}</h2>
          ${cumulativeChart(
            [
              { label: t('submit'), className: 'submitted', days: progress.submitted },
              { label: t('approve'), className: 'approved', days: progress.approved },
            ],
            total,
            t,
          )}
        </section>
        <section><h2>${t('ratings')}</h2>${barChart(
          RATINGS.map((r) => ({ label: r, value: status.ratings[r] ?? 0 })),
          'ratings-chart',
        )}</section>
      </div>
      ${children.length ? childSeasonsSection(ctx, children) : ''}
      ${
        readOnly
          ? ''
          : html`<section class="admin">
        <form method="post" action="/seasons/${seasonId}/extend" class="inline">${csrfField(ctx)}
          <label class="inline-label">${t('extendUntil')} <input type="date" name="until" required data-testid="season-extend-until"></label> <button data-testid="season-extend">${t('extend')}</button></form>
        <form method="post" action="/seasons/${seasonId}/close" class="inline">${csrfField(ctx)}
          <button data-testid="season-close">${t('closeSeason')}</button></form>
        ${exportLinks(ctx, seasonId)}
      </section>`
      }
      ${readOnly ? html`<p>${exportLinks(ctx, seasonId)}</p>` : ''}
      ${
        rectification.total
          ? html`<section><h2>${t('rectificationOverview')}</h2><p class="facts" data-testid="rectification">
              <span>${t('rectificationItem')}: ${rectification.total}</span><span>${t('completionRate')}: ${rectification.completionRate}%</span>
              <span>${t('overdueItems')}: ${rectification.overdue}</span></p></section>`
          : ''
      }
      ${
        meetings.length || !readOnly
          ? html`<section><h2>${t('meetingTitle')}</h2><ul data-testid="meetings">${meetings.map(
              (m) =>
                // The meeting's page holds its ballots' QR codes: the season's own admins only.
                html`<li>${readOnly ? m.title : html`<a href="/seasons/${seasonId}/meetings/${m.meetingId}">${m.title}</a>`} · ${m.status === 'closed' ? t('meetingClosed') : t('meetingOpen')} · ${dateIn(m.closesAt, status.timeZone)}</li>`,
            )}</ul>${readOnly ? '' : html`<p><a href="/seasons/${seasonId}/meetings" data-testid="schedule-meeting-link">${t('scheduleMeeting')}</a></p>`}</section>`
          : ''
      }
      <section><h2>${t('overdueList')} (${status.overdue.length})</h2>
        <table data-testid="overdue"><thead><tr><th>${t('branch')}</th><th>${t('overdueBy')}</th><th>${t('secretary')}</th><th>${t('told')}</th><th></th></tr></thead><tbody>
        ${overdue.map(
          (o) => html`<tr><td><a href="${reportHref(`${seasonId}/${o.branchId}`)}">${o.branchName}</a></td><td class="num">${o.daysOverdue}</td>
            <td>${person(nameOf, o.secretaryEmail, locale)}</td><td>${o.told ? html`${roleName(o.told.who, locale)} · ${o.told.at ? dateIn(new Date(o.told.at), status.timeZone) : ''}` : '—'}</td>
            <td><form method="post" action="${reportHref(`${seasonId}/${o.branchId}`)}/admin" class="inline">${csrfField(ctx)}
              <input type="hidden" name="action" value="remind"><button>${t('remindNow')}</button></form></td></tr>`,
        )}</tbody></table>
      </section>
      <section><h2>${t('branch')}</h2>
        <table data-testid="branches"><thead><tr><th>${t('branch')}</th><th>${t('state')}</th><th>${t('dueDate')}</th><th>${t('secretary')}</th><th>${t('rating')}</th></tr></thead><tbody>
        ${branches.map(
          (r) => html`<tr data-branch="${r.branchId}"><td><a href="${reportHref(r.reportId)}">${r.branchName}</a></td><td>${stateBadge(r.state, locale)}</td>
            <td>${dateIn(writingDue(r), status.timeZone)}</td><td>${person(nameOf, r.secretaryEmail, locale)}</td><td>${r.rating ?? ''}</td></tr>`,
        )}</tbody></table>
        <p>${page > 0 ? html`<a href="?page=${page - 1}">←</a> ` : ''}${(page + 1) * PAGE < total ? html`<a href="?page=${page + 1}">→</a>` : ''}</p>
      </section>`,
      code,
    );
  }

  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/seasons/:id/extend', async (request, reply) => {
    const viewer = await admin(request, reply);
    if (!viewer) return reply;
    const season = await deps.db.season.findUniqueOrThrow({ where: { id: request.params.id } });
    let results: Awaited<ReturnType<typeof extendSeason>>;
    try {
      const until = readNewDueDate(request.body?.until, season.timeZone);
      results = await extendSeason(deps.temporal, deps.db, { seasonId: season.id, until, actor: webActor(viewer) });
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      return dashboard(request, reply, { kind: 'error', text: error.reason[request.locale] }, error.code === 'season_closed' ? 409 : 400);
    }
    const day = (request.body?.until ?? '').trim();
    if (results.length && results.every((r) => r.outcome === 'done')) {
      return reply.redirect(`/seasons/${encodeURIComponent(season.id)}?done=extended&n=${results.length}&until=${day}`);
    }
    const names = new Map(
      (await deps.db.seasonBranch.findMany({ where: { seasonId: season.id }, select: { branchId: true, name: true } })).map((b) => [
        `${season.id}/${b.branchId}`,
        b.name,
      ]),
    );
    return dashboard(
      request,
      reply,
      extensionOutcome(request.locale, day, results, (id) => names.get(id) ?? id),
      results.length ? 200 : 409,
    );
  });

  // Closing cannot be taken back: the first press shows what it means, the second (confirmed=yes) closes.
  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/seasons/:id/close', async (request, reply) => {
    const viewer = await admin(request, reply);
    if (!viewer) return reply;
    if (!isConfirmed(request.body)) {
      const ctx = contextOf(request, deps);
      const season = await deps.db.season.findUniqueOrThrow({ where: { id: request.params.id } });
      const open = await deps.db.report.count({ where: { seasonId: season.id, state: { notIn: [...SETTLED_STATES] } } });
      return sendPage(reply, ctx, ctx.t('closeSeason'), confirmation(ctx, closeConfirmation(ctx, season, open)));
    }
    await closeSeason(deps.temporal, deps.db, request.params.id, webActor(viewer));
    return reply.redirect(`/seasons/${encodeURIComponent(request.params.id)}?done=closing`);
  });

  // Read, like the dashboard, by the season's admins and those of a season above it.
  app.get<{ Params: { id: string }; Querystring: { format?: string; columns?: string } }>('/seasons/:id/export', async (request, reply) => {
    if (!(await requireSeasonReader(request, reply, deps))) return reply;
    const data = await loadSeasonExportData(deps.db, request.params.id);
    const name = `${request.params.id}`;
    switch (request.query.format) {
      case 'csv':
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(seasonCsv(data, request.query.columns === 'en' ? 'en' : 'zh'));
      case 'md':
        return reply.type('text/markdown; charset=utf-8').header('content-disposition', `attachment; filename="${name}.md"`).send(seasonMarkdown(data));
      case 'docx':
        return reply
          .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .header('content-disposition', `attachment; filename="${name}.docx"`)
          .send(await seasonDocx(data));
      default:
        return reply
          .code(400)
          .type('text/html')
          .send(errorPage(request, deps, 'notFound'));
    }
  });
}
