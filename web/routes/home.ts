// The first page after sign-in (web/pages/home-page.ts): the person's to-do list, their own
// reports, the review queue if it is theirs, and the seasons they run.
import type { FastifyInstance } from 'fastify';
import { REVIEW_STATES } from '../../domain/vocabulary';
import { homePage } from '../pages/home-page';
import { reviewableReports } from '../access';
import { todoFor } from '../todo';
import { contextOf, requireViewer, sendPage, type WebDeps } from '../context';

export async function homeRoutes(app: FastifyInstance, deps: WebDeps) {
  app.get('/', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const ctx = contextOf(request, deps);
    const [todo, mine, seasons, reviewing] = await Promise.all([
      todoFor(deps.db, viewer.email, viewer.reach.adminSeasons),
      deps.db.report.findMany({
        where: { OR: [{ secretaryEmail: viewer.email }, { liaisonEmail: viewer.email }] },
        include: { seasonBranch: true, season: true },
        orderBy: [{ seasonId: 'asc' }, { branchId: 'asc' }],
      }),
      deps.db.season.findMany({ where: { id: { in: viewer.reach.adminSeasons } }, orderBy: { createdAt: 'desc' } }),
      viewer.reviews
        ? deps.db.report.count({ where: { AND: [reviewableReports(viewer.reach), { state: { in: [...REVIEW_STATES, 'reviewed'] } }] } })
        : Promise.resolve(undefined),
    ]);
    return sendPage(reply, ctx, ctx.t('home'), homePage(ctx, { todo, mine, seasons, reviewing }));
  });
}
