// /ballot/<token>: a 民主测评 ballot, opened and cast by whoever holds its link or QR code; no
// sign-in (the vote is anonymous). Never cached: a ballot page is the ballot.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { castBallot, openBallot, takeBatchBallot } from '../../app/evaluation-meeting';
import { ReportRequestError } from '../../app/report-commands';
import type { BallotTokens } from '../../config/ballot-tokens';
import type { BallotScores } from '../../domain/evaluation';
import { RATINGS, type Rating } from '../../domain/vocabulary';
import { ballotCastPage, ballotPage, ballotRefusedPage } from '../pages/ballot-page';
import { contextOf, sendPage, type WebDeps } from '../context';
import { readCookie, setCookie } from '../cookies';

type BallotRequest = { Params: { token: string }; Body: Record<string, string> };

/** A refusal's status: a ballot that does not exist is not found; one spent or closed, gone. */
const statusOf = (code: string) => (code === 'unknown' ? 404 : ['empty', 'not_reporter', 'bad_score', 'score_without_grade'].includes(code) ? 400 : 410);

/** A meeting's day: the phone keeps its batch ballot that long. */
const BATCH_COOKIE_SECONDS = 24 * 3600;

export async function ballotRoutes(app: FastifyInstance, deps: WebDeps & { ballotTokens: BallotTokens }) {
  const timeZoneOf = async (seasonId: string) =>
    (await deps.db.season.findUnique({ where: { id: seasonId }, select: { timeZone: true } }))?.timeZone ?? 'Asia/Shanghai';
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get<BallotRequest & { Querystring: { cast?: string } }>('/ballot/:token', async (request, reply) => {
    const ctx = contextOf(request, deps);
    noStore(reply);
    try {
      const ballot = await openBallot(deps.db, deps.ballotTokens, request.params.token, deps.temporal);
      if (request.query.cast !== undefined && ballot.refused === 'cast') return sendPage(reply, ctx, ctx.t('ballotTitle'), ballotCastPage(ctx));
      return sendPage(
        reply,
        ctx,
        ctx.t('ballotTitle'),
        ballotPage(ctx, ballot, request.params.token, await timeZoneOf(ballot.seasonId)),
        ballot.refused ? 410 : 200,
      );
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      return sendPage(reply, ctx, ctx.t('ballotTitle'), ballotRefusedPage(ctx, error.reason[request.locale]), statusOf(error.code));
    }
  });

  // A group's QR code on the meeting room's screen: each phone is handed one ballot of the group,
  // and the same one again when it scans twice (kept in a cookie of this browser only).
  app.get<BallotRequest>('/ballot-batch/:token', async (request, reply) => {
    const ctx = contextOf(request, deps);
    noStore(reply);
    const cookie = `shuzhi_batch_${createHash('sha256').update(request.params.token).digest('hex').slice(0, 16)}`;
    const kept = readCookie(request, cookie);
    const keptBallot = kept ? await openBallot(deps.db, deps.ballotTokens, kept, deps.temporal).catch(() => undefined) : undefined;
    if (kept && keptBallot && !keptBallot.refused) return reply.redirect(`/ballot/${kept}`, 303);
    try {
      const token = await takeBatchBallot(deps.db, deps.ballotTokens, request.params.token);
      setCookie(reply, cookie, token, { maxAge: BATCH_COOKIE_SECONDS, secure: deps.publicBaseUrl.startsWith('https:') });
      return reply.redirect(`/ballot/${token}`, 303);
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      return sendPage(reply, ctx, ctx.t('ballotTitle'), ballotRefusedPage(ctx, error.reason[request.locale]), statusOf(error.code));
    }
  });

  app.post<BallotRequest>('/ballot/:token', { config: { authorityInAddress: true } }, async (request, reply) => {
    const ctx = contextOf(request, deps);
    noStore(reply);
    const grades = gradesOf(request.body ?? {});
    const scores = scoresOf(request.body ?? {});
    try {
      await castBallot(deps.temporal, deps.db, deps.ballotTokens, request.params.token, grades, 'web', scores);
      // To a page of its own: reloading the thanks does not send the ballot again.
      return reply.redirect(`/ballot/${encodeURIComponent(request.params.token)}?cast`, 303);
    } catch (error) {
      if (!(error instanceof ReportRequestError)) throw error;
      const status = statusOf(error.code);
      if (status === 400) {
        // Asked again with what was wrong said above the form, nothing cast.
        const ballot = await openBallot(deps.db, deps.ballotTokens, request.params.token, deps.temporal);
        return sendPage(
          reply,
          ctx,
          ctx.t('ballotTitle'),
          ballotPage(ctx, ballot, request.params.token, await timeZoneOf(ballot.seasonId), { message: error.reason[request.locale], sent: request.body ?? {} }),
          400,
        );
      }
      return sendPage(reply, ctx, ctx.t('ballotTitle'), ballotRefusedPage(ctx, error.reason[request.locale]), status);
    }
  });
}

/**
 * An object keyed by what a form's field names say, without a prototype: a field named
 * `score:__proto__:x` then makes an entry (refused later as an unknown reporter), where on a plain
 * object it would write onto every object of the process.
 */
const keyedByField = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** The form's `grade:<report id>` fields that hold a grade; anything else is left out. */
function gradesOf(body: Record<string, string>): Record<string, Rating> {
  const grades = keyedByField<Rating>();
  for (const [field, value] of Object.entries(body)) {
    if (field.startsWith('grade:') && (RATINGS as readonly string[]).includes(value)) grades[field.slice('grade:'.length)] = value as Rating;
  }
  return grades;
}

/** The form's `score:<report id>:<dimension>` fields that hold a number; empty ones are left out. */
function scoresOf(body: Record<string, string>): BallotScores | undefined {
  const scores: BallotScores = keyedByField();
  for (const [field, value] of Object.entries(body)) {
    const [kind, ...rest] = field.split(':');
    const dimension = rest.pop();
    if (kind !== 'score' || !dimension || !String(value).trim()) continue;
    const reportId = rest.join(':');
    // Digits only: a tampered "0x5" or "1e1" is no score (the meeting refuses it), not 5 or 10.
    (scores[reportId] ??= keyedByField())[dimension] = /^\d{1,4}$/.test(String(value).trim()) ? Number(value) : NaN;
  }
  return Object.keys(scores).length ? scores : undefined;
}
