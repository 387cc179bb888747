// /seasons/:id/meetings: scheduling a 民主测评 meeting from a form; /seasons/:id/meetings/:meetingId:
// a meeting for the season's admins — its page (count, each group's QR code, results), the slips
// to print, the live count as JSON, and closing the vote (confirmed first).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ballotBatches, closeMeeting, handOutBallots, meetingStatus, scheduleMeeting, type MeetingStatus } from '../../app/evaluation-meeting';
import { gradeSeason } from '../../app/final-grades';
import { ReportRequestError } from '../../app/report-commands';
import type { BallotTokens } from '../../config/ballot-tokens';
import { closeWarning, meetingAddress, meetingPage, slipsPage, type Grades } from '../pages/meeting-page';
import { confirmation, isConfirmed } from '../pages/confirm-page';
import { meetingForm } from '../pages/meeting-form';
import { meetingFromForm, problemLine, type FormProblem, type MeetingForm } from '../meeting-form-input';
import { contextOf, requireSeasonAdmin, sendPage, webActor, type Viewer, type WebDeps } from '../context';
import { html, type Html } from '../html';
import { wantsJson } from '../signed-out';

type MeetingRequest = { Params: { id: string; meetingId: string } };
type SeasonParams = { Params: { id: string } };
type SeasonRequest = FastifyRequest<SeasonParams>;

export async function meetingRoutes(app: FastifyInstance, deps: WebDeps & { ballotTokens: BallotTokens }) {
  const timeZoneOf = async (seasonId: string) =>
    (await deps.db.season.findUnique({ where: { id: seasonId }, select: { timeZone: true } }))?.timeZone ?? 'Asia/Shanghai';

  const reportsOf = async (seasonId: string) =>
    (
      await deps.db.report.findMany({
        where: { seasonId },
        select: { branchId: true, seasonBranch: { select: { name: true } } },
        orderBy: { branchId: 'asc' },
      })
    ).map((r) => ({ branchId: r.branchId, branchName: r.seasonBranch.name }));

  /** The form, as first shown or as sent with what is wrong (status 400 or 409). */
  async function showForm(request: SeasonRequest, reply: FastifyReply, values: MeetingForm, problems: FormProblem[] = [], status = 200) {
    const ctx = contextOf(request, deps);
    const reports = await reportsOf(request.params.id);
    return sendPage(reply, ctx, ctx.t('scheduleMeeting'), meetingForm(ctx, { seasonId: request.params.id, reports, values, problems }), status);
  }

  app.get<SeasonParams>('/seasons/:id/meetings', async (request, reply) => {
    if (!(await requireSeasonAdmin(request, reply, deps))) return reply;
    const reports = await reportsOf(request.params.id);
    return showForm(request, reply, { reporter: reports.map((r) => r.branchId) });
  });

  app.post<SeasonParams & { Body: MeetingForm }>('/seasons/:id/meetings', async (request, reply) => {
    const viewer = await requireSeasonAdmin(request, reply, deps);
    if (!viewer) return reply;
    const form = request.body ?? {};
    const ctx = contextOf(request, deps);
    if (!deps.auditKey) return sendPage(reply, ctx, ctx.t('meetingTitle'), html`<p class="error">${ctx.t('notFound')}</p>`, 404);
    const { meeting, problems } = meetingFromForm(request.params.id, form, ctx.t);
    // The page's script (a kept form, web/public/app.js) is answered in JSON: where next, or why not.
    const refused = (said: FormProblem[], status: number) =>
      wantsJson(request)
        ? reply.code(status).send({ saved: false, reason: said.map((p) => problemLine(p, ctx.locale)).join('\n') })
        : showForm(request, reply, form, said, status);
    if (!meeting) return refused(problems, 400);
    try {
      await scheduleMeeting(deps.temporal, deps.db, deps.auditKey, meeting, webActor(viewer));
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      // Said at the field it is about, where the form allows.
      const field = { closes_in_past: 'meetingClosesAt', unknown_reporters: 'meetingReporters', too_many_reporters: 'meetingReporters' } as const;
      const label = ctx.t(field[error.code as keyof typeof field] ?? 'scheduleMeeting');
      return refused([{ label, message: error.reason }], 409);
    }
    const next = `/seasons/${encodeURIComponent(meeting.season)}/meetings/${encodeURIComponent(meeting.id)}`;
    return wantsJson(request) ? reply.send({ saved: true, next }) : reply.redirect(next, 303);
  });

  const gradesOf = async (seasonId: string, meeting: MeetingStatus): Promise<Grades> => {
    const season = await deps.db.season.findUnique({ where: { id: seasonId }, select: { finalGradeJson: true } });
    const reports = meeting.tally
      ? await deps.db.report.findMany({
          where: { id: { in: meeting.tally.reporters.map((r) => r.reportId) } },
          select: { id: true, rating: true, finalGrade: true },
        })
      : [];
    return { byReport: new Map(reports.map((r) => [r.id, r])), seasonHasRule: !!season?.finalGradeJson && !!deps.auditKey };
  };

  /**
   * A meeting's page for its season's admins: its status read, never kept by a cache (the group
   * codes and the slips hand out ballots), an unknown meeting said in words.
   */
  function meetingGet(
    path: string,
    render: (request: FastifyRequest<MeetingRequest>, meeting: MeetingStatus, viewer: Viewer) => Promise<{ title: string; body: Html }>,
  ) {
    app.get<MeetingRequest>(path, async (request, reply) => {
      const viewer = await requireSeasonAdmin(request, reply, deps);
      if (!viewer) return reply;
      const ctx = contextOf(request, deps);
      try {
        const meeting = await meetingStatus(deps.temporal, deps.db, request.params.id, request.params.meetingId);
        reply.header('cache-control', 'no-store');
        const { title, body } = await render(request, meeting, viewer);
        return sendPage(reply, ctx, title, body);
      } catch (error) {
        if (!(error instanceof ReportRequestError)) throw error;
        return sendPage(reply, ctx, ctx.t('meetingTitle'), html`<p class="error" role="alert" data-testid="message">${error.reason[request.locale]}</p>`, 404);
      }
    });
  }

  meetingGet('/seasons/:id/meetings/:meetingId', async (request, meeting) => {
    const ctx = contextOf(request, deps);
    const batches = meeting.count.closed ? [] : await ballotBatches(deps.db, deps.ballotTokens, meeting, deps.publicBaseUrl);
    const grades = await gradesOf(meeting.seasonId, meeting);
    return { title: meeting.title, body: await meetingPage(ctx, meeting, await timeZoneOf(meeting.seasonId), grades, batches) };
  });

  meetingGet('/seasons/:id/meetings/:meetingId/slips', async (request, meeting, viewer) => {
    const ctx = contextOf(request, deps);
    const { seasonId, meetingId } = meeting;
    const ballots = meeting.count.closed
      ? []
      : await handOutBallots(deps.db, deps.ballotTokens, { seasonId, meetingId, actor: webActor(viewer) }, deps.publicBaseUrl);
    return { title: `${meeting.title} · ${ctx.t('anonymousBallots')}`, body: await slipsPage(ctx, meeting, ballots) };
  });

  app.post<MeetingRequest>('/seasons/:id/meetings/:meetingId/grades', async (request, reply) => {
    const viewer = await requireSeasonAdmin(request, reply, deps);
    if (!viewer) return reply;
    const { id: seasonId, meetingId } = request.params;
    const ctx = contextOf(request, deps);
    if (!deps.auditKey) return sendPage(reply, ctx, ctx.t('meetingTitle'), html`<p class="error">${ctx.t('notFound')}</p>`, 404);
    try {
      await gradeSeason(deps.db, deps.auditKey, { seasonId, meetingId, actor: webActor(viewer) });
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      return sendPage(reply, ctx, ctx.t('meetingTitle'), html`<p class="error" role="alert" data-testid="message">${error.reason[request.locale]}</p>`, 409);
    }
    return reply.redirect(`/seasons/${encodeURIComponent(seasonId)}/meetings/${encodeURIComponent(meetingId)}`, 303);
  });

  app.get<MeetingRequest>('/seasons/:id/meetings/:meetingId/count', async (request, reply) => {
    if (!(await requireSeasonAdmin(request, reply, deps))) return reply;
    const { count } = await meetingStatus(deps.temporal, deps.db, request.params.id, request.params.meetingId);
    return reply.header('cache-control', 'no-store').send(count);
  });

  app.post<MeetingRequest & { Body: Record<string, string> }>('/seasons/:id/meetings/:meetingId/close', async (request, reply) => {
    const viewer = await requireSeasonAdmin(request, reply, deps);
    if (!viewer) return reply;
    const { id: seasonId, meetingId } = request.params;
    try {
      if (!isConfirmed(request.body)) {
        // One press on the screen's page must not end the vote: it cannot be taken back.
        const ctx = contextOf(request, deps);
        const meeting = await meetingStatus(deps.temporal, deps.db, seasonId, meetingId);
        const base = meetingAddress({ seasonId, meetingId });
        const text = closeWarning(ctx, meeting.count);
        return sendPage(
          reply,
          ctx,
          ctx.t('closeMeeting'),
          confirmation(ctx, { action: `${base}/close`, fields: {}, text, button: ctx.t('confirmCloseMeeting'), back: base }),
        );
      }
      await closeMeeting(deps.temporal, deps.db, { seasonId, meetingId, actor: webActor(viewer) });
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      const ctx = contextOf(request, deps);
      return sendPage(reply, ctx, ctx.t('meetingTitle'), html`<p class="error" role="alert" data-testid="message">${error.reason[request.locale]}</p>`, 409);
    }
    return reply.redirect(`/seasons/${encodeURIComponent(seasonId)}/meetings/${encodeURIComponent(meetingId)}`, 303);
  });
}
