// 民主测评 on the time-skipping server: ballots mailed and handed out, each cast once, one voided,
// the meeting closing on its timer while ballots are still arriving, and the tally; then, from
// the database alone, no vote can be tied to the ballot (or the person) that cast it.
import { ballotTokens } from '../../config/ballot-tokens';
import { castBallot, handOutBallots, meetingStatus, scheduleMeeting, voidBallot } from '../../app/evaluation-meeting';
import type { MeetingFile } from '../../app/meeting-file';
import { ReportRequestError } from '../../app/report-commands';
import { meetingWorkflowId, type BallotGrades, type MeetingTally } from '../../domain/evaluation';
import type { Rating } from '../../domain/vocabulary';
import { describeEachDatabase } from '../helpers/databases';
import { startSeasonOnTimeSkipping, type SeasonOnTimeSkipping } from '../helpers/season-time-skipping';
import { DEMO } from '../helpers/seasons';
import { waitUntil } from '../helpers/wait';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';

const tokens = ballotTokens('a test secret');
const ADMIN = { email: DEMO.admin, channel: 'cli' as const };
const COMMITTEE = ['weiyuan.a@bureau.example', 'weiyuan.b@bureau.example', 'weiyuan.c@bureau.example'];
const HOUR = 3_600_000;

const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof ReportRequestError ? error.code : Promise.reject(error)),
  );

describeEachDatabase('an evaluation meeting (民主测评)', (kind) => {
  let running: SeasonOnTimeSkipping;
  let env: SeasonOnTimeSkipping['env'];
  let scratch: SeasonOnTimeSkipping['scratch'];
  let mailer: SeasonOnTimeSkipping['mailer'];
  const season = { id: 'demo-2026' };
  let reporters: string[];
  let closesAt: Date;

  beforeAll(async () => {
    running = await startSeasonOnTimeSkipping(kind, { ballotTokens: tokens });
    ({ env, scratch, mailer, reportIds: reporters } = running);
  });
  afterAll(() => running?.stop());

  const meeting = (): MeetingFile => ({
    season: season.id,
    id: 'meeting-1',
    title: '2026年度述职评议大会',
    closesAt: closesAt.toISOString(),
    groups: [
      { id: 'committee', name: '党组成员', weight: 60, evaluators: COMMITTEE },
      { id: 'masses', name: '群众代表', weight: 40, ballots: 6 },
    ],
  });
  const grades = (...each: Rating[]): BallotGrades => Object.fromEntries(reporters.map((id, i) => [id, each[i] ?? '好']));
  const mailedTokens = () => mailer.sent.filter((m) => m.subject.includes('民主测评')).map((m) => /\/ballot\/([^\s"<]+)/.exec(m.text)?.[1] ?? '');

  test('each named evaluator is mailed a ballot of their own; scheduling twice issues nothing new', async () => {
    closesAt = new Date((await env.currentTimeMs()) + 2 * HOUR);
    const scheduled = await scheduleMeeting(env.client, scratch.db, TEST_AUDIT_KEY, meeting(), ADMIN);
    expect(scheduled).toMatchObject({ issued: 9, alreadyScheduled: false, workflowId: meetingWorkflowId(season.id, 'meeting-1') });
    await waitUntil(async () => mailedTokens().length === 3, 30_000, 'the ballot mails');
    expect(
      mailer.sent
        .filter((m) => m.subject.includes('民主测评'))
        .map((m) => m.to)
        .sort(),
    ).toEqual(COMMITTEE);
    const again = await scheduleMeeting(env.client, scratch.db, TEST_AUDIT_KEY, meeting(), ADMIN);
    expect(again).toMatchObject({ issued: 9, alreadyScheduled: true });
    expect(await scratch.db.evaluationBallot.count()).toBe(9);
  });

  test('a ballot is cast once; a voided ballot and a forged one are refused', async () => {
    const [first, second] = mailedTokens();
    const cast = (token: string, g: BallotGrades) => castBallot(env.client, scratch.db, tokens, token, g, 'web');
    expect(await cast(first as string, grades('好', '较好', '差'))).toMatchObject({ issued: 9, cast: 1 });
    expect(await refusalOf(cast(first as string, grades('差', '差', '差')))).toBe('cast');
    expect(await cast(second as string, grades('好', '一般'))).toMatchObject({ cast: 2 });
    const [anonymous] = await handOutBallots(scratch.db, tokens, { seasonId: season.id, meetingId: 'meeting-1', actor: ADMIN }, 'https://shuzhi.example');
    await voidBallot(env.client, scratch.db, {
      seasonId: season.id,
      meetingId: 'meeting-1',
      ballotId: anonymous?.ballotId ?? '',
      reason: '选票遗失',
      actor: ADMIN,
    });
    expect(await refusalOf(cast(tokens.tokenOf(anonymous?.ballotId ?? ''), grades()))).toBe('void');
    expect(await refusalOf(cast(`${anonymous?.ballotId}.forged-signature-xxxxxx`, grades()))).toBe('unknown');
    expect(await refusalOf(cast(mailedTokens()[2] as string, {}))).toBe('empty');
    // Scores beside the grades are the season's (the demo's two, 0–10), each a whole number in range.
    const third = mailedTokens()[2] as string;
    const scored = (scores: Record<string, Record<string, number>>) => castBallot(env.client, scratch.db, tokens, third, grades(), 'web', scores);
    expect(await refusalOf(scored({ [reporters[0] as string]: { duty: 11 } }))).toBe('bad_score');
    expect(await refusalOf(scored({ [reporters[0] as string]: { loyalty: 5 } }))).toBe('bad_score');
    expect(await refusalOf(scored({ [reporters[0] as string]: { duty: 7.5 } }))).toBe('bad_score');
    // A reporter scored is a reporter graded: a score alone would count in the mean without a vote.
    const allButFirst = Object.fromEntries(Object.entries(grades()).slice(1));
    const scoredUngraded = castBallot(env.client, scratch.db, tokens, third, allButFirst, 'web', { [reporters[0] as string]: { duty: 5 } });
    expect(await refusalOf(scoredUngraded)).toBe('score_without_grade');
  });

  test('the meeting closes on its timer while ballots still arrive: each is counted or refused, none lost or twice', async () => {
    const handedOut = await handOutBallots(scratch.db, tokens, { seasonId: season.id, meetingId: 'meeting-1', actor: ADMIN }, 'https://shuzhi.example');
    // The third committee member never votes: that ballot stays issued, not cast.
    const waiting = handedOut.map((b) => b.link.split('/ballot/')[1] as string);
    expect(waiting).toHaveLength(5);
    // The first ballot goes in well before the close, the rest one by one as the clock runs out.
    const scores = { [reporters[0] as string]: { duty: 8, results: 6 } };
    const outcomes: string[] = [
      await refusalOf(castBallot(env.client, scratch.db, tokens, waiting[0] as string, grades('较好', '较好', '一般'), 'web', scores)),
    ];
    const skipping = env.sleep(2 * HOUR + 60_000);
    for (const token of waiting.slice(1)) outcomes.push(await refusalOf(castBallot(env.client, scratch.db, tokens, token, grades('一般'), 'web')));
    await skipping;
    const tally = (await env.client.workflow.getHandle(meetingWorkflowId(season.id, 'meeting-1')).result()) as MeetingTally;
    expect(outcomes.every((o) => o === 'accepted' || o === 'closed')).toBe(true);
    expect(outcomes.slice(0, 1)).toEqual(['accepted']);
    const accepted = 2 + outcomes.filter((o) => o === 'accepted').length;
    expect(tally).toMatchObject({ issued: 9, cast: accepted, void: 1 });
    expect(await scratch.db.evaluationVote.count()).toBe(accepted);
    // The two committee members' ballots are not marked cast (see the anonymity test): the rest are.
    expect(await scratch.db.evaluationBallot.count({ where: { status: 'cast' } })).toBe(accepted - 2);
    expect(await refusalOf(castBallot(env.client, scratch.db, tokens, waiting[4] as string, grades(), 'web'))).toMatch(/^(cast|closed)$/);
    const status = await meetingStatus(env.client, scratch.db, season.id, 'meeting-1');
    expect(status.tally).toEqual(tally);
    expect(await scratch.db.auditEvent.count({ where: { action: 'evaluation.ballot_cast' } })).toBe(accepted);
    expect(await scratch.db.auditEvent.count({ where: { action: 'evaluation.meeting_closed' } })).toBe(1);
  });

  test('the results give counts, percentages and the weighted score per reporter', async () => {
    const { tally } = await meetingStatus(env.client, scratch.db, season.id, 'meeting-1');
    const first = tally?.reporters.find((r) => r.reportId === reporters[0]);
    // Committee: 好 and 好 (score 100); masses: 较好 and perhaps more 一般 ballots.
    expect(first?.groups.find((g) => g.groupId === 'committee')).toMatchObject({ votes: 2, counts: { 好: 2 }, score: 100 });
    const masses = first?.groups.find((g) => g.groupId === 'masses');
    expect(masses?.counts.较好).toBe(1);
    expect(first?.weightedScore).toBeCloseTo((100 * 60 + (masses?.score ?? 0) * 40) / 100, 1);
    // One ballot scored the first reporter on the season's two dimensions.
    expect(first?.dimensions.map((d) => [d.id, d.scored, d.mean])).toEqual([
      ['duty', 1, 8],
      ['results', 1, 6],
    ]);
    const third = tally?.reporters.find((r) => r.reportId === reporters[2]);
    expect(third?.groups.find((g) => g.groupId === 'committee')).toMatchObject({
      votes: 2,
      counts: { 差: 1, 好: 1 },
      percentages: { 差: 50, 好: 50 },
      score: 50,
    });
  });

  test('from the database alone, no vote can be tied to the ballot or the person that cast it', async () => {
    const votes = await scratch.db.evaluationVote.findMany();
    const ballots = await scratch.db.evaluationBallot.findMany();
    // A vote row holds its random id, the meeting, the group and the grades: nothing else.
    for (const vote of votes) expect(Object.keys(vote).sort()).toEqual(['gradesJson', 'groupId', 'id', 'meetingId']);
    const secrets = new Set([...ballots.map((b) => b.id), ...COMMITTEE]);
    const voteIds = new Set(votes.map((v) => v.id));
    for (const vote of votes) for (const value of Object.values(vote)) expect(secrets.has(value)).toBe(false);
    // Nothing else in the record names a vote.
    const audit = await scratch.db.auditEvent.findMany({ where: { action: { startsWith: 'evaluation.' } } });
    for (const event of audit) for (const id of voteIds) expect(event.detailJson).not.toContain(id);
    // Two of the three committee members voted, and nothing says which two: their ballots all read
    // as issued (with the committee's results, which one did not vote would tell how the two voted).
    const committee = ballots.filter((b) => b.groupId === 'committee');
    expect(committee.map((b) => b.status)).toEqual(['issued', 'issued', 'issued']);
    // The cast events name no evaluator.
    expect(new Set(audit.filter((e) => e.action === 'evaluation.ballot_cast').map((e) => e.actorEmail))).toEqual(new Set(['anonymous']));
    // The votes were written together at the close, not one by one as ballots were cast.
    const written = await scratch.db.auditEvent.findFirstOrThrow({ where: { action: 'evaluation.meeting_closed' } });
    expect(JSON.parse(written.detailJson)).toMatchObject({ cast: votes.length });
    if (kind.provider === 'postgresql') {
      // One transaction wrote them all: PostgreSQL's row versions carry no order of casting.
      const [{ transactions }] = await scratch.db.$queryRawUnsafe<[{ transactions: number }]>(
        'SELECT count(DISTINCT xmin::text)::int AS transactions FROM "EvaluationVote"',
      );
      expect(transactions).toBe(1);
    }
  });
});
