// The JSON API for programs (/api/v1), by personal token only (app/api-tokens.ts). Each endpoint
// calls the app/ function its page calls, after the same access check; every act is recorded
// with channel "api" and the token's person. The OpenAPI document is written from the routes'
// schemas (web/api-schemas.ts).
import { REQUEST_LIMIT_MB } from '../error-answers';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { approveChosen, type ApprovalResult } from '../../app/bulk-approve';
import { ReportRequestError, reviewReport, saveDraft, submitReport } from '../../app/report-commands';
import { NO_WORKER, WORKER_NOT_ANSWERING } from '../../app/worker-presence';
import { seasonStatus } from '../../app/season-commands';
import { writingDue } from '../../domain/report-steps';
import type { Rating } from '../../domain/vocabulary';
import { words } from '../../domain/words';
import { seasonCsv } from '../../exports/csv-export';
import { seasonMarkdown } from '../../exports/markdown-export';
import { loadSeasonExportData } from '../../exports/season-data';
import { canSeeReport, visibleReports } from '../access';
import { apiActor, authenticate, sendRefusal, type ApiCaller } from '../api-caller';
import { API_SCHEMAS } from '../api-schemas';
import { plannedReports } from '../bulk-plan';
import type { WebDeps } from '../context';
import { loadReportView } from '../report-view';
import { meetingApiRoutes } from './api-meetings';
import { rectificationApiRoutes } from './api-rectification';

export const API_PREFIX = '/api/v1';
export const isApiPath = (url: string) => url === API_PREFIX || url.startsWith(`${API_PREFIX}/`);

const REPORTS_LISTED = 1000;

/** Refused tokens a client may present in a window before it is turned away for the rest of it. */
const FAILED_TOKENS_PER_CLIENT = 20;
const FAILED_TOKEN_WINDOW = 15 * 60_000;

const NOT_FOUND = words('没有这份报告，或您无权查看。', 'No such report, or not one you may see.');
const NOT_ADMIN = words('只有本季度的管理员可以查看。', "Only the season's admins may see this.");
const TOO_MANY_FAILURES = words(
  '令牌验证失败的次数过多，请 15 分钟后再试，并检查令牌是否正确、是否已过期或被吊销。',
  'Too many refused tokens from here: try again in 15 minutes, and check that the token is right, not expired and not revoked.',
);
const NOT_PERMITTED = words('您无权审批这份报告。', 'You may not approve this report.');

type ReportRequest = FastifyRequest<{ Params: { id: string } }>;

/** A refusal from the rules: the check's findings are the caller's to fix (422), a bad text is 400, the rest refused (403). */
function answerRefusal(reply: FastifyReply, error: ReportRequestError) {
  if (error.code === 'check_failed' || error.code === 'warnings_not_accepted') {
    return sendRefusal(reply, 422, error.code, error.reason, { findings: error.findings.map((f) => ({ ...f })) });
  }
  if (error.code === NO_WORKER || error.code === WORKER_NOT_ANSWERING) return sendRefusal(reply, 503, error.code, error.reason);
  const status = ['not_text', 'too_large', 'bad_report_id'].includes(error.code) ? 400 : 403;
  return sendRefusal(reply, status, error.code, error.reason);
}

export async function apiRoutes(app: FastifyInstance, deps: WebDeps) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Shuzhi API', version: '1.0.0', description: 'The reporting season by personal token: Authorization: Bearer shz_<id>_<secret>.' },
      servers: [{ url: new URL(deps.publicBaseUrl).origin }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });

  // Every request here answers JSON, a refusal included, never the pages' HTML.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation)
      return sendRefusal(reply, 400, 'bad_request', words(`请求格式不正确：${error.message}`, `The request is not of the documented form: ${error.message}`));
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) console.error(`api: ${request.method} ${request.url.split('?')[0]}: ${error.stack ?? error.message}`);
    if (status === 413) {
      return sendRefusal(
        reply,
        413,
        'too_large',
        words(`请求内容超过 ${REQUEST_LIMIT_MB} MB，未处理：请缩减后重试。`, `The request is over ${REQUEST_LIMIT_MB} MB and was not read: send less.`),
      );
    }
    return sendRefusal(reply, status, status === 500 ? 'server_error' : 'bad_request', words('请求未能完成。', 'The request could not be carried out.'));
  });
  app.setNotFoundHandler((_request, reply) => sendRefusal(reply, 404, 'not_found', words('没有这个接口。', 'No such endpoint.')));

  app.decorateRequest('apiCaller', undefined);
  await app.register(rateLimit, { global: false });
  // Only refused tokens count: a client guessing is turned away, a busy script with a good token is not.
  const refusedTokens = app.createRateLimit({ max: FAILED_TOKENS_PER_CLIENT, timeWindow: FAILED_TOKEN_WINDOW });
  // The token is checked before the body is read: a caller without one learns nothing else.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.publicApi) return;
    const refused = await refusedTokens(request, { increment: false });
    if (!refused.isAllowed && refused.remaining === 0)
      return sendRefusal(reply.header('retry-after', String(refused.ttlInSeconds)), 429, 'too_many_refused_tokens', TOO_MANY_FAILURES);
    const caller = await authenticate(deps.db, request, reply);
    if (!caller) {
      await refusedTokens(request);
      return reply;
    }
    request.apiCaller = caller;
  });
  const callerOf = (request: FastifyRequest): ApiCaller => request.apiCaller as ApiCaller;

  /** The report, when this person may see it; otherwise 404, as for a report that does not exist. */
  async function seen(request: ReportRequest, reply: FastifyReply): Promise<ApiCaller | undefined> {
    const caller = callerOf(request);
    if (await canSeeReport(deps.db, caller.reach, request.params.id)) return caller;
    await sendRefusal(reply, 404, 'not_found', NOT_FOUND);
    return undefined;
  }

  /** Runs an act; a refusal from the rules is answered, anything else goes to the error handler. */
  async function act<T>(reply: FastifyReply, change: () => Promise<T>): Promise<T | FastifyReply> {
    try {
      return await change();
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      return answerRefusal(reply, error);
    }
  }

  // Under this plugin's prefix already: the deps this plugin was given carry it, so it is cleared.
  if (deps.auditKey) {
    await app.register(meetingApiRoutes, { ...deps, auditKey: deps.auditKey, prefix: '' });
    await app.register(rectificationApiRoutes, { ...deps, auditKey: deps.auditKey, prefix: '' });
  }

  app.get('/openapi.json', { schema: { hide: true }, config: { publicApi: true } }, async () => app.swagger());

  app.get('/me', { schema: API_SCHEMAS.me }, async (request) => {
    const caller = callerOf(request);
    const person = await deps.db.person.findUnique({ where: { email: caller.email }, select: { name: true } });
    return { email: caller.email, name: person?.name ?? null, token: { ...caller.token, expiresAt: caller.token.expiresAt.toISOString() } };
  });

  app.get('/reports', { schema: API_SCHEMAS.reports }, async (request) => {
    const reports = await deps.db.report.findMany({
      where: visibleReports(callerOf(request).reach),
      include: { seasonBranch: { select: { name: true } } },
      orderBy: [{ seasonId: 'asc' }, { branchId: 'asc' }],
      take: REPORTS_LISTED,
    });
    return {
      reports: reports.map((r) => ({
        id: r.id,
        seasonId: r.seasonId,
        branchId: r.branchId,
        branchName: r.seasonBranch.name,
        state: r.state,
        dueAt: writingDue(r).toISOString(),
        rating: r.rating,
      })),
    };
  });

  app.get<{ Params: { id: string } }>('/reports/:id', { schema: API_SCHEMAS.report }, async (request, reply) => {
    if (!(await seen(request, reply))) return reply;
    const view = await loadReportView(deps.db, request.params.id);
    if (!view) return sendRefusal(reply, 404, 'not_found', NOT_FOUND);
    const { report, versions } = view;
    return {
      id: report.id,
      seasonId: report.seasonId,
      branchId: report.branchId,
      branchName: report.seasonBranch.name,
      seasonTitle: report.season.title,
      timeZone: report.season.timeZone,
      state: report.state,
      dueAt: writingDue(report).toISOString(),
      rating: report.rating,
      secretaryEmail: report.secretaryEmail,
      reviewerEmail: report.reviewerEmail,
      versions: versions.map((v) => ({ number: v.number, kind: v.kind, authorEmail: v.authorEmail, createdAt: v.createdAt.toISOString() })),
      latestText: versions.at(-1)?.body ?? null,
    };
  });

  app.post<{ Params: { id: string }; Body: { text: string } }>('/reports/:id/draft', { schema: API_SCHEMAS.draft }, async (request, reply) => {
    const caller = await seen(request, reply);
    if (!caller) return reply;
    return act(reply, async () => {
      const saved = await saveDraft(deps.temporal, deps.db, request.params.id, request.body.text, apiActor(caller));
      return { versionNumber: saved.versionNumber };
    });
  });

  app.post<{ Params: { id: string }; Body: { text: string; acceptWarnings?: boolean } }>(
    '/reports/:id/submit',
    { schema: API_SCHEMAS.submit },
    async (request, reply) => {
      const caller = await seen(request, reply);
      if (!caller) return reply;
      return act(reply, async () => {
        const saved = await submitReport(deps.temporal, deps.db, request.params.id, request.body.text, apiActor(caller), request.body.acceptWarnings === true);
        return { versionNumber: saved.versionNumber, warningsAccepted: saved.warnings.length };
      });
    },
  );

  app.post<{
    Params: { id: string };
    Body: { decision: 'approve' | 'request_revision'; comment?: string; rating?: Rating; revisionDueAt?: string; reason?: string };
  }>('/reports/:id/review', { schema: API_SCHEMAS.review }, async (request, reply) => {
    const caller = await seen(request, reply);
    if (!caller) return reply;
    const { decision, comment, rating, revisionDueAt, reason } = request.body;
    return act(reply, async () => {
      const after = await reviewReport(deps.temporal, request.params.id, {
        actor: apiActor(caller),
        decision,
        comment: comment || undefined,
        rating,
        revisionDueAt: revisionDueAt ? new Date(revisionDueAt).toISOString() : undefined,
        reason: reason || undefined,
      });
      return { state: after.state };
    });
  });

  // As the queue's bulk form: only reports this person reviews or leads are tried; any other id is
  // answered not_permitted, never named or approved.
  app.post<{ Body: { items: { reportId: string; rating: Rating }[]; comment?: string; reason?: string } }>(
    '/approvals',
    { schema: API_SCHEMAS.approvals },
    async (request) => {
      const caller = callerOf(request);
      const plan = { items: request.body.items, comment: request.body.comment || undefined, reason: request.body.reason || undefined };
      const reports = await plannedReports(deps.db, caller.reach, plan);
      const reachable = new Set(reports.map((r) => r.reportId));
      const refused: ApprovalResult[] = [...new Set(plan.items.map((i) => i.reportId))]
        .filter((id) => !reachable.has(id))
        .map((reportId) => ({ reportId, outcome: 'not_permitted', code: 'not_permitted', reason: NOT_PERMITTED }));
      const results = reports.length
        ? await approveChosen(deps.temporal, deps.db, apiActor(caller), { items: reports, comment: plan.comment, reason: plan.reason })
        : [];
      return { results: [...results, ...refused].map(({ reportId, outcome, code, reason }) => ({ reportId, outcome, code, reason })) };
    },
  );

  /** The season's admins only, as the dashboard. */
  async function admin(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): Promise<boolean> {
    if (callerOf(request).reach.adminSeasons.includes(request.params.id)) return true;
    await sendRefusal(reply, 403, 'not_admin', NOT_ADMIN);
    return false;
  }

  app.get<{ Params: { id: string } }>('/seasons/:id/status', { schema: API_SCHEMAS.seasonStatus }, async (request, reply) => {
    if (!(await admin(request, reply))) return reply;
    return seasonStatus(deps.db, request.params.id);
  });

  app.get<{ Params: { id: string }; Querystring: { format: 'csv' | 'md' } }>(
    '/seasons/:id/export',
    { schema: API_SCHEMAS.seasonExport },
    async (request, reply) => {
      if (!(await admin(request, reply))) return reply;
      const data = await loadSeasonExportData(deps.db, request.params.id);
      return request.query.format === 'csv'
        ? reply.type('text/csv; charset=utf-8').send(seasonCsv(data, 'zh'))
        : reply.type('text/markdown; charset=utf-8').send(seasonMarkdown(data));
    },
  );
}
