// A report: its page, the diff between two versions, and everything done to it from the browser
// (draft, check, submit, .docx upload, review, admin actions), each through the workflow's updates.
import { diffLines } from 'diff';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { exemptReport, extendReport, reassignReport, remindNow, ReportRequestError, reviewReport, saveDraft, submitReport } from '../../app/report-commands';
import { checkReport } from '../../domain/submission-check';
import { zonedEndOfDay } from '../../domain/time';
import type { Rating } from '../../domain/vocabulary';
import { canSeeReport } from '../access';
import { reportHref } from '../format';
import { html } from '../html';
import { reportPage, type ReportPageOptions } from '../pages/report-page';
import { joinSections, sectionsFromForm } from '../report-sections';
import { readUploadedDraft, uploadName } from '../report-upload';
import { loadReportView } from '../report-view';
import { contextOf, errorPage, requireViewer, sendPage, webActor, type Viewer, type WebDeps } from '../context';

type ReportRequest = FastifyRequest<{ Params: { id: string } }>;

export async function reportRoutes(app: FastifyInstance, deps: WebDeps) {
  /** The signed-in viewer, if they may see this report; otherwise the reply is already sent. */
  async function permitted(request: FastifyRequest, reply: FastifyReply): Promise<Viewer | undefined> {
    const viewer = requireViewer(request, reply);
    if (!viewer) return undefined;
    if (!(await canSeeReport(deps.db, viewer.reach, (request as ReportRequest).params.id))) {
      await reply
        .code(403)
        .type('text/html')
        .send(errorPage(request, deps, 'forbidden'));
      return undefined;
    }
    return viewer;
  }

  async function render(request: FastifyRequest, reply: FastifyReply, viewer: Viewer, options: ReportPageOptions = {}, status = 200) {
    const view = await loadReportView(deps.db, (request as ReportRequest).params.id);
    if (!view)
      return reply
        .code(404)
        .type('text/html')
        .send(errorPage(request, deps, 'notFound'));
    const ctx = contextOf(request, deps);
    return sendPage(reply, ctx, `${view.report.seasonBranch.name} · ${view.report.season.title}`, reportPage(ctx, view, viewer, options), status);
  }

  /** Runs a change; a refusal is shown on the page, anything else goes to the error handler. */
  async function act(request: FastifyRequest, reply: FastifyReply, viewer: Viewer, change: () => Promise<unknown>) {
    try {
      await change();
      return reply.redirect(`${reportHref((request as ReportRequest).params.id)}?done=1`);
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      return render(request, reply, viewer, { message: { kind: 'error', text: error.reason[request.locale] }, findings: error.findings }, 409);
    }
  }

  /** A date picked in the form means the end of that day where the season runs. */
  const seasonTimeZone = async (reportId: string) =>
    (await deps.db.report.findUniqueOrThrow({ where: { id: reportId }, include: { season: true } })).season.timeZone;
  const sectionNames = async (reportId: string) => (await loadReportView(deps.db, reportId))?.template.sections ?? [];

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/reports/:id', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const done = request.query.done ? { message: { kind: 'notice' as const, text: contextOf(request, deps).t('done') } } : {};
    return render(request, reply, viewer, done);
  });

  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>('/reports/:id/diff', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const view = await loadReportView(deps.db, request.params.id);
    if (!view) return reply.code(404).send();
    const body = (n: string | undefined) => view.versions.find((v) => v.number === Number(n))?.body ?? '';
    const ctx = contextOf(request, deps);
    const parts = diffLines(body(request.query.from), body(request.query.to));
    return sendPage(
      reply,
      ctx,
      `${ctx.t('diff')} v${request.query.from ?? ''} → v${request.query.to ?? ''}`,
      html`<p><a href="${reportHref(view.report.id)}">← ${view.report.seasonBranch.name}</a></p>
        <pre class="diff" data-testid="diff">${parts.map((p) => html`<span class="${p.added ? 'added' : p.removed ? 'removed' : 'same'}">${p.value}</span>`)}</pre>`,
    );
  });

  // Autosave and the save button: a version each call (the page throttles how often it calls).
  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/reports/:id/draft', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const body = joinSections(sectionsFromForm(request.body ?? {}, await sectionNames(request.params.id)));
    try {
      const saved = await saveDraft(deps.temporal, deps.db, request.params.id, body, webActor(viewer));
      return { saved: true, versionNumber: saved.versionNumber };
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      return reply.code(409).send({ saved: false, reason: error.reason[request.locale] });
    }
  });

  // The submission check, run as the secretary types: the same rules the workflow enforces.
  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/reports/:id/check', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const view = await loadReportView(deps.db, request.params.id);
    const check = checkReport(joinSections(sectionsFromForm(request.body ?? {}, view?.template.sections ?? [])), view?.template);
    return { findings: [...check.errors, ...check.warnings].map((f) => ({ severity: f.severity, code: f.code, message: f.message[request.locale] })) };
  });

  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/reports/:id/submit', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const draft = sectionsFromForm(request.body ?? {}, await sectionNames(request.params.id));
    try {
      await submitReport(deps.temporal, deps.db, request.params.id, joinSections(draft), webActor(viewer), request.body?.acceptWarnings === 'yes');
      return reply.redirect(`${reportHref(request.params.id)}?done=1`);
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      // Shown beside the text as typed, so nothing is lost.
      const text = error.code === 'warnings_not_accepted' ? contextOf(request, deps).t('warningsNotAccepted') : error.reason[request.locale];
      return render(request, reply, viewer, { draft, findings: error.findings, message: { kind: 'error', text } }, 409);
    }
  });

  // A Word or text draft, read into the template's sections; the page puts them in the editor.
  app.post<{ Params: { id: string }; Body: Buffer }>('/reports/:id/upload', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const read = await readUploadedDraft(request.body, uploadName(request.headers['x-file-name'], request.locale), await sectionNames(request.params.id));
    if ('refused' in read) return reply.code(400).send({ reason: read.refused[request.locale] });
    return { ...read.draft, notice: read.notice?.[request.locale] };
  });

  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/reports/:id/review', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const form = request.body ?? {};
    const decision = form.decision === 'request_revision' ? 'request_revision' : 'approve';
    return act(request, reply, viewer, () =>
      reviewReport(deps.temporal, request.params.id, {
        actor: webActor(viewer),
        decision,
        comment: form.comment || undefined,
        rating: (form.rating || undefined) as Rating | undefined,
        reason: form.reason || undefined,
      }),
    );
  });

  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/reports/:id/admin', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const form = request.body ?? {};
    const actor = webActor(viewer);
    const id = request.params.id;
    const changes: Record<string, () => Promise<unknown>> = {
      extend: async () => extendReport(deps.temporal, id, actor, zonedEndOfDay(form.until ?? '', await seasonTimeZone(id))),
      reassign: () => reassignReport(deps.temporal, id, actor, form.toEmail ?? '', form.toName || undefined),
      remind: () => remindNow(deps.temporal, id, actor),
      exempt: () => exemptReport(deps.temporal, id, actor, 'exempted', form.reason ?? ''),
    };
    const change = changes[form.action ?? ''];
    if (!change) return reply.code(400).send();
    return act(request, reply, viewer, change);
  });
}
