// The first page after sign-in: the person's own reports, and where else their roles take them.
import type { FastifyInstance } from 'fastify';
import { REVIEW_STATES } from '../../domain/vocabulary';
import { html } from '../html';
import { dateIn, daysUntil, reportHref, stateBadge } from '../format';
import { contextOf, requireViewer, sendPage, type WebDeps } from '../context';

export async function homeRoutes(app: FastifyInstance, deps: WebDeps) {
  app.get('/', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const ctx = contextOf(request, deps);
    const { t, locale } = ctx;
    const mine = await deps.db.report.findMany({
      where: { OR: [{ secretaryEmail: viewer.email }, { liaisonEmail: viewer.email }] },
      include: { seasonBranch: true, season: true },
      orderBy: [{ seasonId: 'asc' }, { branchId: 'asc' }],
    });
    const seasons = await deps.db.season.findMany({ where: { id: { in: viewer.reach.adminSeasons } }, orderBy: { createdAt: 'desc' } });
    const reviewing = await deps.db.report.count({ where: { reviewerEmail: viewer.email, state: { in: [...REVIEW_STATES] } } });
    return sendPage(
      reply,
      ctx,
      t('home'),
      html`
      <section>
        <h2>${t('myReports')}</h2>
        ${
          mine.length
            ? html`<table><thead><tr><th>${t('branch')}</th><th>${t('state')}</th><th>${t('dueDate')}</th><th>${t('daysLeft')}</th></tr></thead><tbody>
            ${mine.map(
              (r) => html`<tr><td><a href="${reportHref(r.id)}">${r.seasonBranch.name}</a><div class="muted">${r.season.title}</div></td>
                <td>${stateBadge(r.state, locale)}</td><td>${dateIn(r.revisionDueAt ?? r.dueAt, r.season.timeZone)}</td>
                <td>${daysUntil(r.revisionDueAt ?? r.dueAt)}</td></tr>`,
            )}</tbody></table>`
            : html`<p class="muted">${t('nothingHere')}</p>`
        }
      </section>
      <section>
        <h2>${t('reviewQueue')}</h2>
        <p><a href="/queue">${t('reviewQueue')}</a>${reviewing ? html` (${reviewing})` : ''}</p>
      </section>
      ${
        seasons.length
          ? html`<section><h2>${t('seasons')}</h2><ul>${seasons.map((s) => html`<li><a href="/seasons/${encodeURIComponent(s.id)}">${s.title}</a> — ${s.status}</li>`)}</ul></section>`
          : ''
      }`,
    );
  });
}
