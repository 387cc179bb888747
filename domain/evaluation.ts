// 民主测评: the meeting's vote on its reporters, shared by the meeting workflow, the activities,
// the app and the pages. Workflow-safe: types, the updates and query, and pure arithmetic.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from './report-api';
import { RATINGS, type Channel, type Rating } from './vocabulary';
import { words, type Words } from './words';

/** One group of evaluators (委员, 党代表, 群众代表 …) and the weight its vote carries in the score. */
export interface EvaluatorGroup {
  id: string;
  name: string;
  /** Share of the weighted score, in per cent of the groups' total. */
  weight: number;
}

/** A ballot as the meeting workflow knows it: its public id and its group, never who holds it. */
export interface IssuedBallot {
  ballotId: string;
  groupId: string;
  /** A named evaluator's ballot is mailed to them; an anonymous one is handed out (QR code, slip). */
  mailTo?: string;
}

/** A score the season asks for beside the grade (season file `evaluationDimensions`), 0 to `max`. */
export interface EvaluationDimension {
  id: string;
  name: string;
  max: number;
}

/** Who reports at the meeting: a season's report and the branch's name. */
export interface Reporter {
  reportId: string;
  branchName: string;
}

export interface MeetingInput {
  seasonId: string;
  meetingId: string;
  title: string;
  /** ISO-8601: ballots are refused from this moment on. */
  closesAt: string;
  reporters: Reporter[];
  groups: EvaluatorGroup[];
  /** Scores beside the grade, optional on each ballot; none when the season asks for none. */
  dimensions?: EvaluationDimension[];
  ballots: IssuedBallot[];
  /** Who may close the meeting early or void a ballot: the season's admins, lower case. */
  admins: string[];
  scheduledBy: Actor;
}

/** What a ballot says: a grade for each reporter it rates (a reporter left out is an abstention). */
export type BallotGrades = Record<string, Rating>;

/** Report id → dimension id → score: what a ballot says beside its grades (any left out). */
export type BallotScores = Record<string, Record<string, number>>;

export interface CastRequest {
  ballotId: string;
  grades: BallotGrades;
  scores?: BallotScores;
  channel: Channel;
}

/** What a cast ballot is kept as until the meeting closes: its group, grades and scores, not its id. */
export interface CastVote {
  groupId: string;
  grades: BallotGrades;
  scores?: BallotScores;
}

export interface MeetingCount {
  issued: number;
  cast: number;
  void: number;
  closed: boolean;
  closesAt: string;
}

export const castBallotUpdate = defineUpdate<MeetingCount, [CastRequest]>('castBallot');
export const voidBallotUpdate = defineUpdate<MeetingCount, [{ ballotId: string; actor: Actor; reason: string }]>('voidBallot');
export const closeMeetingUpdate = defineUpdate<MeetingCount, [{ actor: Actor }]>('closeMeeting');
export const meetingCountQuery = defineQuery<MeetingCount>('meetingCount');
/**
 * Whether one ballot was cast or voided, as only its meeting's workflow knows for a named
 * evaluator's ballot (the record never marks those: activities/evaluation-activities.ts).
 */
export const ballotSpentQuery = defineQuery<'cast' | 'void' | null, [string]>('ballotSpent');

export const meetingWorkflowId = (seasonId: string, meetingId: string) => `meeting/${seasonId}/${meetingId}`;

/**
 * Points per grade in the weighted score, the scale most 民主测评 tally sheets use. A reporter's
 * score in a group is the mean of its votes' points; the weighted score weighs the groups.
 */
export const GRADE_POINTS: Readonly<Record<Rating, number>> = { 好: 100, 较好: 80, 一般: 60, 差: 0 };

export interface GroupResult {
  groupId: string;
  /** Ballots of this group that graded the reporter (abstentions left out). */
  votes: number;
  counts: Record<Rating, number>;
  /** Per cent of `votes`, one decimal. */
  percentages: Record<Rating, number>;
  /** Mean points, one decimal; null when nobody of the group graded the reporter. */
  score: number | null;
}

export interface ReporterResult {
  reportId: string;
  branchName: string;
  groups: GroupResult[];
  /** Every group together, unweighted. */
  total: Omit<GroupResult, 'groupId'>;
  /** The groups' scores weighted (groups without votes left out), one decimal; null with no votes. */
  weightedScore: number | null;
  /** Each dimension's mean score over the ballots that scored it, one decimal (null: none did). */
  dimensions: { id: string; name: string; scored: number; mean: number | null }[];
}

export interface MeetingTally {
  issued: number;
  cast: number;
  void: number;
  reporters: ReporterResult[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function resultOf(grades: Rating[]): Omit<GroupResult, 'groupId'> {
  const counts = Object.fromEntries(RATINGS.map((grade) => [grade, 0])) as Record<Rating, number>;
  for (const grade of grades) counts[grade] += 1;
  const votes = grades.length;
  const percentages = Object.fromEntries(RATINGS.map((grade) => [grade, votes ? round1((counts[grade] * 100) / votes) : 0])) as Record<Rating, number>;
  const points = grades.reduce((sum, grade) => sum + GRADE_POINTS[grade], 0);
  return { votes, counts, percentages, score: votes ? round1(points / votes) : null };
}

/** Counts, percentages and scores per reporter, from the cast votes alone (no ballot ids needed). */
export function tallyMeeting(
  input: Pick<MeetingInput, 'reporters' | 'groups' | 'dimensions'>,
  votes: CastVote[],
  ballots: { issued: number; void: number },
): MeetingTally {
  const reporters = input.reporters.map((reporter): ReporterResult => {
    const gradesOf = (groupId?: string) =>
      votes.flatMap((vote) => {
        const grade = vote.grades[reporter.reportId];
        return grade && (groupId === undefined || vote.groupId === groupId) ? [grade] : [];
      });
    const groups = input.groups.map((group) => ({ groupId: group.id, ...resultOf(gradesOf(group.id)) }));
    const scored = groups.flatMap((result) => {
      const weight = input.groups.find((group) => group.id === result.groupId)?.weight ?? 0;
      return result.score === null || weight <= 0 ? [] : [{ score: result.score, weight }];
    });
    const weightSum = scored.reduce((sum, s) => sum + s.weight, 0);
    const weightedScore = weightSum ? round1(scored.reduce((sum, s) => sum + s.score * s.weight, 0) / weightSum) : null;
    const dimensions = (input.dimensions ?? []).map((dimension) => {
      const given = votes.flatMap((vote) => {
        const score = vote.scores?.[reporter.reportId]?.[dimension.id];
        return score === undefined ? [] : [score];
      });
      return {
        id: dimension.id,
        name: dimension.name,
        scored: given.length,
        mean: given.length ? round1(given.reduce((a, b) => a + b, 0) / given.length) : null,
      };
    });
    return { reportId: reporter.reportId, branchName: reporter.branchName, groups, total: resultOf(gradesOf()), weightedScore, dimensions };
  });
  return { issued: ballots.issued, cast: votes.length, void: ballots.void, reporters };
}

/**
 * The cast votes as the close writes them: grades only (the scores are in the tally), a character
 * per reporter, so that the largest meeting a file may schedule closes in one activity input, under
 * Temporal's 2 MB payload limit (test/unit/evaluation-tally.test.ts works out the largest).
 */
export interface PackedVotes {
  reportIds: string[];
  groupIds: string[];
  /** Per vote: its group's index, ':', then per reporter its grade's index in RATINGS, or '-'. */
  votes: string[];
}

const ABSTAINED = '-';

export function packVotes(reportIds: readonly string[], groupIds: readonly string[], votes: readonly CastVote[]): PackedVotes {
  return {
    reportIds: [...reportIds],
    groupIds: [...groupIds],
    votes: votes.map((vote) => {
      const grades = reportIds.map((reportId) => {
        const grade = vote.grades[reportId];
        return grade ? String(RATINGS.indexOf(grade)) : ABSTAINED;
      });
      return `${groupIds.indexOf(vote.groupId)}:${grades.join('')}`;
    }),
  };
}

/** Each packed vote's group and grades, as it was cast (scores left out). */
export function unpackVotes(packed: PackedVotes): { groupId: string; grades: BallotGrades }[] {
  return packed.votes.map((vote) => {
    const [group, grades = ''] = vote.split(':');
    const graded = packed.reportIds.flatMap((reportId, i) => {
      const grade = RATINGS[Number(grades[i])];
      return grades[i] === ABSTAINED || !grade ? [] : [[reportId, grade] as const];
    });
    return { groupId: packed.groupIds[Number(group)] as string, grades: Object.fromEntries(graded) };
  });
}

/** Why a ballot is refused, in both languages (the ballot page and the CLI say it as is). */
export const BALLOT_REFUSALS = {
  unknown: words('选票无效：链接或二维码不正确。', 'This ballot does not exist: the link or QR code is wrong.'),
  cast: words('这张选票已经投过，不能重复投票。', 'This ballot has been cast already; it cannot be cast twice.'),
  void: words('这张选票已作废。', 'This ballot has been voided.'),
  closed: words('测评已结束，不再接受投票。', 'The vote has closed; no more ballots are taken.'),
  empty: words('请至少为一位述职人选择评价等次。', 'Choose a grade for at least one reporter.'),
  not_reporter: words('选票中含有不属于本次测评的述职人。', 'The ballot grades someone who does not report at this meeting.'),
  bad_score: words('评分应为 0 到满分之间的整数。', 'A score is a whole number from 0 to the maximum.'),
  score_without_grade: words(
    '打分的述职人也须选择评价等次：请补选等次，或清空其评分。',
    'A reporter you score needs a grade too: choose one, or clear the scores.',
  ),
  batch_empty: words('本组选票已经发完，请与会务人员联系。', "This group's ballots have all been handed out: ask the meeting's staff."),
} as const satisfies Record<string, Words>;

export type BallotRefusal = keyof typeof BALLOT_REFUSALS;
