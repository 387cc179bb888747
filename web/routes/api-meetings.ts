// The API's 民主测评 endpoints (/api/v1/seasons/:id/meetings…), for the season's admins: the same
// app/ functions as the CLI. Casting stays on the ballot page: a ballot is its token, not a person.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { closeMeeting, handOutBallots, meetingStatus, scheduleMeeting, voidBallot } from '../../app/evaluation-meeting';
import { gradeSeason } from '../../app/final-grades';
import { checkMeeting, type MeetingFile } from '../../app/meeting-file';
import { ReportRequestError } from '../../app/report-commands';
import { fieldName } from '../../app/season-file-problem';
import { NO_WORKER, WORKER_NOT_ANSWERING } from '../../app/worker-presence';
import type { AuditKey } from '../../config/audit-key';
import { words } from '../../domain/words';
import { apiActor, sendRefusal, type ApiCaller } from '../api-caller';
import { MEETING_API_SCHEMAS } from '../api-schemas';
import type { WebDeps } from '../context';

type MeetingParams = { Params: { id: string; meetingId: string } };

const NOT_ADMIN = words('只有本季度的管理员可以安排和管理民主测评。', "Only the season's admins may schedule and run its evaluation meetings.");

/** A refusal's status: what the caller sent (400), the meeting or ballot's state (409), no such one (404). */
function statusOf(code: string): number {
  if (code === NO_WORKER || code === WORKER_NOT_ANSWERING) return 503;
  if (['closes_in_past', 'unknown_reporters', 'bad_meeting'].includes(code)) return 400;
  if (['closed', 'cast', 'void', 'meeting_open', 'no_grade_rule'].includes(code)) return 409;
  if (['unknown', 'unknown_meeting'].includes(code)) return 404;
  return 403;
}

export async function meetingApiRoutes(app: FastifyInstance, deps: WebDeps & { auditKey: AuditKey }) {
  const callerOf = (request: FastifyRequest) => request.apiCaller as ApiCaller;

  /** The season's admins only; then the act, its refusals answered as JSON. */
  async function asAdmin<T>(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, act: (caller: ApiCaller) => Promise<T>) {
    const caller = callerOf(request);
    if (!caller.reach.adminSeasons.includes(request.params.id)) return sendRefusal(reply, 403, 'not_admin', NOT_ADMIN);
    try {
      return await act(caller);
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      return sendRefusal(reply, statusOf(error.code), error.code, error.reason);
    }
  }

  app.post<{ Params: { id: string }; Body: Omit<MeetingFile, 'season'> }>('/seasons/:id/meetings', { schema: MEETING_API_SCHEMAS.schedule }, (request, reply) =>
    asAdmin(request, reply, async (caller) => {
      const file = checkedMeeting({ ...request.body, season: request.params.id });
      const scheduled = await scheduleMeeting(deps.temporal, deps.db, deps.auditKey, file, apiActor(caller));
      return reply.code(scheduled.alreadyScheduled ? 200 : 201).send(scheduled);
    }),
  );

  app.get<MeetingParams>('/seasons/:id/meetings/:meetingId', { schema: MEETING_API_SCHEMAS.status }, (request, reply) =>
    asAdmin(request, reply, () => meetingStatus(deps.temporal, deps.db, request.params.id, request.params.meetingId)),
  );

  app.get<MeetingParams>('/seasons/:id/meetings/:meetingId/ballots', { schema: MEETING_API_SCHEMAS.ballots }, (request, reply) =>
    asAdmin(request, reply, async (caller) => {
      if (!deps.ballotTokens) return sendRefusal(reply, 404, 'not_found', words('本服务未配置选票。', 'Ballots are not served here.'));
      const { id: seasonId, meetingId } = request.params;
      return { ballots: await handOutBallots(deps.db, deps.ballotTokens, { seasonId, meetingId, actor: apiActor(caller) }, deps.publicBaseUrl) };
    }),
  );

  app.post<MeetingParams>('/seasons/:id/meetings/:meetingId/close', { schema: MEETING_API_SCHEMAS.close }, (request, reply) =>
    asAdmin(request, reply, (caller) =>
      closeMeeting(deps.temporal, deps.db, { seasonId: request.params.id, meetingId: request.params.meetingId, actor: apiActor(caller) }),
    ),
  );

  app.post<MeetingParams>('/seasons/:id/meetings/:meetingId/grades', { schema: MEETING_API_SCHEMAS.grades }, (request, reply) =>
    asAdmin(request, reply, async (caller) => ({
      results: await gradeSeason(deps.db, deps.auditKey, { seasonId: request.params.id, meetingId: request.params.meetingId, actor: apiActor(caller) }),
    })),
  );

  app.post<{ Params: { id: string; meetingId: string; ballotId: string }; Body: { reason: string } }>(
    '/seasons/:id/meetings/:meetingId/ballots/:ballotId/void',
    { schema: MEETING_API_SCHEMAS.void },
    (request, reply) =>
      asAdmin(request, reply, (caller) =>
        voidBallot(deps.temporal, deps.db, { ...request.params, seasonId: request.params.id, reason: request.body.reason, actor: apiActor(caller) }),
      ),
  );
}

/** The meeting as the file would give it, or a refusal naming each field at fault. */
function checkedMeeting(body: unknown): MeetingFile {
  const { meeting, problems } = checkMeeting(body);
  if (meeting) return meeting;
  const said = (locale: 'zh-CN' | 'en', colon: string) => problems.map((p) => `${fieldName(p.path)}${colon}${p.message[locale]}`);
  throw new ReportRequestError(
    'bad_meeting',
    words(`测评内容有误：${said('zh-CN', '：').join('；')}`, `The meeting is not valid: ${said('en', ': ').join('; ')}`),
  );
}
