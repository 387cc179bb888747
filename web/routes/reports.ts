// A report: its page, the diff between two versions, and everything done to it from the browser
// (draft, check, submit, .docx upload, review, admin actions), each through the workflow's updates.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { exemptReport, extendReport, remindNow, ReportRequestError, reviewReport, saveDraft, submitReport } from '../../app/report-commands';
import { normalizeLineEndings } from '../../domain/report-text';
import { checkReport, type ReportTemplate } from '../../domain/submission-check';
import { handOverReport, readNewDueDate } from '../../app/admin-input';
import { saveWorkingCopy, workingCopyToOpen } from '../../app/working-copy';
import type { Rating } from '../../domain/vocabulary';
import { words } from '../../domain/words';
import { canSeeReport } from '../access';
import { reportHref } from '../format';
import { chooseVersions, comparePage } from '../pages/compare-page';
import { reportPage, type ReportPageOptions } from '../pages/report-page';
import { problemsFromForm, type FeedbackView } from '../pages/feedback-forms';
import { giveFeedback } from '../../app/rectification';
import { confirmation, isConfirmed, type Confirmation } from '../pages/confirm-page';
import { asDoneAct, type DoneAct } from '../pages/next-step';
import { settleConfirmation } from '../pages/report-admin-forms';
import { joinSections, sectionsFromForm } from '../report-sections';
import { placeFindings } from '../report-findings';
import { readUploadedDraft, uploadName } from '../report-upload';
import { loadReportView } from '../report-view';
import { contextOf, errorPage, requireViewer, sendPage, webActor, type Viewer, type WebDeps } from '../context';
import { answerSignedOut, wantsJson } from '../signed-out';

type ReportRequest = FastifyRequest<{ Params: { id: string } }>;
/** An act shown on its confirmation page before it is taken. */
type ConfirmFirst = { title: string; confirm: Confirmation };

export async function reportRoutes(app: FastifyInstance, deps: WebDeps) {
  /** The signed-in viewer, if they may see this report; otherwise the reply is already sent. */
  async function permitted(request: FastifyRequest, reply: FastifyReply): Promise<Viewer | undefined> {
    // A post whose session ended mid-writing: the editor's script hears JSON and asks the person to
    // sign in again; a form post returns, once signed in, to the report, not to the POST address.
    if (!request.viewer && request.method === 'POST') {
      await answerSignedOut(request, reply, reportHref((request as ReportRequest).params.id));
      return undefined;
    }
    const viewer = requireViewer(request, reply);
    if (!viewer) return undefined;
    if (!(await canSeeReport(deps.db, viewer.reach, (request as ReportRequest).params.id))) {
      // The editor's script hears why (often: handed to another secretary while it was open), not
      // "sign in again", which could never help.
      if (wantsJson(request)) {
        await reply.code(403).send({ saved: false, reason: contextOf(request, deps).t('reportNoLongerYours') });
        return undefined;
      }
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
    const feedback = await feedbackViewOf(view, viewer);
    return sendPage(
      reply,
      ctx,
      `${view.report.seasonBranch.name} · ${view.report.season.title}`,
      reportPage(ctx, view, viewer, { ...options, feedback }),
      status,
    );
  }

  /** 点评与整改 on an approved report: what was said, the items, and whether this viewer may give it. */
  async function feedbackViewOf(view: NonNullable<Awaited<ReturnType<typeof loadReportView>>>, viewer: Viewer): Promise<FeedbackView | undefined> {
    const { report } = view;
    if (report.state !== 'approved') return undefined;
    const { leaders, partyGroupSecretary } = view.guide.parties.people;
    const isLeader = [...leaders, partyGroupSecretary].some((email) => email?.toLowerCase() === viewer.email.toLowerCase());
    const items = await deps.db.rectificationItem.findMany({ where: { reportId: report.id }, orderBy: { number: 'asc' } });
    return {
      feedback: report.feedbackJson ? (JSON.parse(report.feedbackJson) as FeedbackView['feedback']) : undefined,
      items,
      mayGive: isLeader && !report.feedbackJson && !!deps.auditKey,
      reportPath: reportHref(report.id),
      timeZone: report.season.timeZone,
    };
  }

  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/reports/:id/feedback', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const auditKey = deps.auditKey;
    if (!auditKey)
      return reply
        .code(404)
        .type('text/html')
        .send(errorPage(request, deps, 'notFound'));
    const form = request.body ?? {};
    return act(request, reply, viewer, async () => {
      await giveFeedback(deps.temporal, deps.db, auditKey, {
        reportId: request.params.id,
        actor: webActor(viewer),
        comment: form.comment ?? '',
        problems: problemsFromForm(form),
      });
      return 'feedback';
    });
  });

  /**
   * Runs a change, then shows the report with a sentence saying what was done and who acts now
   * (`?done=<act>`); an act that cannot be taken back first shows its confirmation page. A refusal
   * is shown on the page, anything else goes to the error handler. A kept form's script (the 点评)
   * is answered in JSON: where to go next, or why not.
   */
  async function act(request: FastifyRequest, reply: FastifyReply, viewer: Viewer, change: () => Promise<DoneAct | ConfirmFirst>) {
    try {
      const outcome = await change();
      if (typeof outcome === 'object') {
        const ctx = contextOf(request, deps);
        return sendPage(reply, ctx, outcome.title, confirmation(ctx, outcome.confirm));
      }
      const next = `${reportHref((request as ReportRequest).params.id)}?done=${outcome}`;
      return wantsJson(request) ? reply.send({ saved: true, next }) : reply.redirect(next);
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      if (wantsJson(request)) return reply.code(409).send({ saved: false, reason: error.reason[request.locale] });
      return render(request, reply, viewer, { message: { kind: 'error', text: error.reason[request.locale] }, findings: error.findings }, 409);
    }
  }

  const reportRow = (reportId: string) => deps.db.report.findUniqueOrThrow({ where: { id: reportId }, include: { season: true, seasonBranch: true } });
  // Only the template: autosave calls this often, and the whole view (texts, names, rules) is not needed.
  const sectionNames = async (reportId: string) => {
    const row = await deps.db.report.findUnique({ where: { id: reportId }, select: { season: { select: { templateJson: true } } } });
    return row ? (JSON.parse(row.season.templateJson) as ReportTemplate).sections : [];
  };

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/reports/:id', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    // The editor opens autosave's working copy when it is newer than the latest version.
    const workingCopy = await workingCopyToOpen(deps.db, request.params.id);
    return render(request, reply, viewer, { done: asDoneAct(request.query.done), workingCopy });
  });

  // Two versions compared (web/pages/compare-page.ts): by default the latest against the last submission.
  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>('/reports/:id/diff', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const view = await loadReportView(deps.db, request.params.id);
    if (!view)
      return reply
        .code(404)
        .type('text/html')
        .send(errorPage(request, deps, 'notFound'));
    const ctx = contextOf(request, deps);
    const chosen = chooseVersions(view.versions, request.query);
    return sendPage(reply, ctx, `${ctx.t('compareTitle')} · ${view.report.seasonBranch.name}`, comparePage(ctx, view, chosen));
  });

  // Autosave: the report's one working copy, overwritten each time; no version, nothing recorded.
  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/reports/:id/autosave', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const body = joinSections(sectionsFromForm(request.body ?? {}, await sectionNames(request.params.id)));
    try {
      const saved = await saveWorkingCopy(deps.db, request.params.id, body, webActor(viewer));
      return { saved: true, savedAt: saved.savedAt.toISOString() };
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      return reply.code(409).send({ saved: false, reason: error.reason[request.locale] });
    }
  });

  // The save button (保存草稿): a version, recorded, each press.
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
    const names = view?.template.sections ?? [];
    const body = normalizeLineEndings(joinSections(sectionsFromForm(request.body ?? {}, names)));
    const check = checkReport(body, view?.template);
    // Each finding placed at its editor box (web/report-findings.ts), as the page renders them.
    return { findings: placeFindings([...check.errors, ...check.warnings], body, names, request.locale) };
  });

  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/reports/:id/submit', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const draft = sectionsFromForm(request.body ?? {}, await sectionNames(request.params.id));
    try {
      await submitReport(deps.temporal, deps.db, request.params.id, joinSections(draft), webActor(viewer), request.body?.acceptWarnings === 'yes');
      return reply.redirect(`${reportHref(request.params.id)}?done=submitted`);
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
    return act(request, reply, viewer, async () => {
      const after = await reviewReport(deps.temporal, request.params.id, {
        actor: webActor(viewer),
        decision,
        comment: form.comment || undefined,
        rating: (form.rating || undefined) as Rating | undefined,
        reason: form.reason || undefined,
      });
      // "Approve" passes the review for a reviewer and approves for leadership: the state says which.
      return after.state === 'reviewed' ? 'passed' : after.state === 'approved' ? 'approved' : 'revision_requested';
    });
  });

  app.post<{ Params: { id: string }; Body: Record<string, string> }>('/reports/:id/admin', async (request, reply) => {
    const viewer = await permitted(request, reply);
    if (!viewer) return reply;
    const form = request.body ?? {};
    const actor = webActor(viewer);
    const id = request.params.id;
    const report = await reportRow(id);
    /** Exempting or withdrawing cannot be taken back: it needs a reason, and a second, confirming press. */
    const settle = async (kind: 'exempted' | 'withdrawn'): Promise<DoneAct | ConfirmFirst> => {
      const reason = (form.reason ?? '').trim();
      if (!reason) throw new ReportRequestError('reason_required', words('请填写理由。', 'Give a reason.'));
      if (!isConfirmed(form)) return settleConfirmation(contextOf(request, deps), { id, branchName: report.seasonBranch.name }, kind, reason);
      await exemptReport(deps.temporal, id, actor, kind, reason);
      return kind;
    };
    const changes: Record<string, () => Promise<DoneAct | ConfirmFirst>> = {
      extend: async () => {
        await extendReport(deps.temporal, id, actor, readNewDueDate(form.until, report.season.timeZone));
        return 'extended';
      },
      reassign: async () => {
        await handOverReport(deps.temporal, deps.db, id, actor, form.toEmail, form.toName);
        return 'reassigned';
      },
      remind: async () => {
        await remindNow(deps.temporal, id, actor);
        return 'reminded';
      },
      exempt: () => settle('exempted'),
      withdraw: () => settle('withdrawn'),
    };
    const change = changes[form.action ?? ''];
    if (!change) return reply.code(400).send();
    return act(request, reply, viewer, change);
  });
}
