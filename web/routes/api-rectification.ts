// The API's 点评与整改 endpoints: leadership's 点评 on an approved report, and each rectification
// item read, its progress reported (text; evidence files go through the item's page) and its
// verdict given. The same app/ functions and rules as the pages and the CLI.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { acceptItem, giveFeedback, reportProgress, sendBackItem, type ProblemInput } from '../../app/rectification';
import { ReportRequestError } from '../../app/report-commands';
import { NO_WORKER, WORKER_NOT_ANSWERING } from '../../app/worker-presence';
import type { AuditKey } from '../../config/audit-key';
import { words } from '../../domain/words';
import { canSeeReport } from '../access';
import { apiActor, sendRefusal, type ApiCaller } from '../api-caller';
import { RECTIFICATION_API_SCHEMAS } from '../api-schemas';
import type { WebDeps } from '../context';

const NOT_FOUND = words('没有这项整改事项，或您无权查看。', 'No such rectification item, or not one you may see.');

function statusOf(code: string): number {
  if (code === NO_WORKER || code === WORKER_NOT_ANSWERING) return 503;
  if (['bad_comment', 'bad_problem', 'bad_date', 'too_many', 'empty_progress', 'empty_file', 'too_large', 'too_long', 'comment_required'].includes(code))
    return 400;
  if (['wrong_state', 'not_approved', 'feedback_given', 'item_closed'].includes(code)) return 409;
  if (code === 'not_found') return 404;
  return 403;
}

export async function rectificationApiRoutes(app: FastifyInstance, deps: WebDeps & { auditKey: AuditKey }) {
  const callerOf = (request: FastifyRequest) => request.apiCaller as ApiCaller;

  async function answered<T>(reply: FastifyReply, act: () => Promise<T>) {
    try {
      return await act();
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      return sendRefusal(reply, statusOf(error.code), error.code, error.reason);
    }
  }

  /** The item, if this caller may see its report (or decides on it); otherwise 404, as for none. */
  async function seenItem(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
    const caller = callerOf(request);
    const item = await deps.db.rectificationItem.findUnique({ where: { id: request.params.id } });
    const reviewers = item ? (JSON.parse(item.reviewersJson) as string[]) : [];
    if (item && (reviewers.includes(caller.email.toLowerCase()) || (await canSeeReport(deps.db, caller.reach, item.reportId)))) return { caller, item };
    await sendRefusal(reply, 404, 'not_found', NOT_FOUND);
    return undefined;
  }

  app.post<{ Params: { id: string }; Body: { comment: string; problems: ProblemInput[] } }>(
    '/reports/:id/feedback',
    { schema: RECTIFICATION_API_SCHEMAS.feedback },
    async (request, reply) => {
      const caller = callerOf(request);
      if (!(await canSeeReport(deps.db, caller.reach, request.params.id))) return sendRefusal(reply, 404, 'not_found', NOT_FOUND);
      return answered(reply, async () => {
        const items = await giveFeedback(deps.temporal, deps.db, deps.auditKey, { reportId: request.params.id, actor: apiActor(caller), ...request.body });
        return reply.code(201).send({ items });
      });
    },
  );

  app.get<{ Params: { id: string } }>('/rectifications/:id', { schema: RECTIFICATION_API_SCHEMAS.item }, async (request, reply) => {
    const found = await seenItem(request, reply);
    if (!found) return reply;
    const progress = await deps.db.rectificationProgress.findMany({ where: { itemId: found.item.id }, orderBy: { at: 'asc' } });
    const { id, reportId, number, problem, measure, ownerEmail, dueAt, state, progressReports, sentBack, closedAt } = found.item;
    return {
      ...{ id, reportId, number, problem, measure, ownerEmail, dueAt, state, progressReports, sentBack, closedAt },
      progress: progress.map((p) => ({ authorEmail: p.authorEmail, text: p.text, evidence: JSON.parse(p.evidenceJson) as unknown[], at: p.at })),
    };
  });

  app.post<{ Params: { id: string }; Body: { text: string } }>(
    '/rectifications/:id/progress',
    { schema: RECTIFICATION_API_SCHEMAS.progress },
    async (request, reply) => {
      const found = await seenItem(request, reply);
      if (!found) return reply;
      return answered(reply, () =>
        reportProgress(deps.temporal, deps.db, { itemId: found.item.id, actor: apiActor(found.caller), text: request.body.text, files: [] }),
      );
    },
  );

  app.post<{ Params: { id: string }; Body: { decision: 'accept' | 'send_back'; comment?: string } }>(
    '/rectifications/:id/verdict',
    { schema: RECTIFICATION_API_SCHEMAS.verdict },
    async (request, reply) => {
      const found = await seenItem(request, reply);
      if (!found) return reply;
      const actor = apiActor(found.caller);
      const { decision, comment } = request.body;
      return answered(reply, () =>
        decision === 'accept'
          ? acceptItem(deps.temporal, { itemId: found.item.id, actor, comment })
          : sendBackItem(deps.temporal, { itemId: found.item.id, actor, comment: comment ?? '' }),
      );
    },
  );
}
