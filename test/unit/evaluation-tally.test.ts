// 民主测评 arithmetic: counts, percentages, group scores and the weighted score per reporter; and
// the votes as the close writes them, which must fit one activity input for the largest meeting.
import { MAX_BALLOTS, MAX_REPORTERS } from '../../app/meeting-file';
import { GRADE_POINTS, packVotes, tallyMeeting, unpackVotes, type CastVote } from '../../domain/evaluation';
import { RATINGS, type Rating } from '../../domain/vocabulary';

const meeting = {
  reporters: [
    { reportId: 's/a', branchName: '甲支部' },
    { reportId: 's/b', branchName: '乙支部' },
  ],
  groups: [
    { id: 'committee', name: '党组成员', weight: 60 },
    { id: 'masses', name: '群众代表', weight: 40 },
  ],
};

describe('the tally of a meeting', () => {
  test('counts each grade per group, in per cent of the votes the reporter got there', () => {
    const votes: CastVote[] = [
      { groupId: 'committee', grades: { 's/a': '好', 's/b': '较好' } },
      { groupId: 'committee', grades: { 's/a': '好', 's/b': '差' } },
      { groupId: 'masses', grades: { 's/a': '一般' } },
      { groupId: 'masses', grades: { 's/a': '好', 's/b': '好' } },
      { groupId: 'masses', grades: { 's/a': '好' } },
    ];
    const tally = tallyMeeting(meeting, votes, { issued: 8, void: 1 });
    expect(tally).toMatchObject({ issued: 8, cast: 5, void: 1 });
    const [a, b] = tally.reporters;
    expect(a?.groups[0]).toEqual({
      groupId: 'committee',
      votes: 2,
      counts: { 好: 2, 较好: 0, 一般: 0, 差: 0 },
      percentages: { 好: 100, 较好: 0, 一般: 0, 差: 0 },
      score: 100,
    });
    expect(a?.groups[1]).toMatchObject({ votes: 3, counts: { 好: 2, 一般: 1 }, percentages: { 好: 66.7, 一般: 33.3 }, score: 86.7 });
    // 60 × 100 + 40 × 86.7, over 100.
    expect(a?.weightedScore).toBe(94.7);
    expect(a?.total).toMatchObject({ votes: 5, counts: { 好: 4, 一般: 1 }, score: 92 });
    // A ballot that leaves a reporter out abstains: b has two masses ballots that did not grade it.
    expect(b?.groups[1]).toMatchObject({ votes: 1, counts: { 好: 1 }, score: 100 });
    expect(b?.groups[0]).toMatchObject({ votes: 2, score: (GRADE_POINTS.较好 + GRADE_POINTS.差) / 2 });
  });

  test('a group nobody of which graded the reporter leaves the weighted score to the others; no votes at all, no score', () => {
    const tally = tallyMeeting(meeting, [{ groupId: 'masses', grades: { 's/a': '较好' } }], { issued: 3, void: 0 });
    expect(tally.reporters[0]?.groups[0]).toMatchObject({ votes: 0, score: null, percentages: { 好: 0 } });
    expect(tally.reporters[0]?.weightedScore).toBe(80);
    expect(tally.reporters[1]?.weightedScore).toBeNull();
    expect(tally.reporters[1]?.total.score).toBeNull();
  });

  test("each dimension's mean counts only the ballots that scored it", () => {
    const dimensions = [{ id: 'duty', name: '履行第一责任人职责', max: 10 }];
    const votes: CastVote[] = [
      { groupId: 'committee', grades: { 's/a': '好' }, scores: { 's/a': { duty: 9 } } },
      { groupId: 'masses', grades: { 's/a': '较好' }, scores: { 's/a': { duty: 6 } } },
      { groupId: 'masses', grades: { 's/a': '较好' } },
    ];
    const [a, b] = tallyMeeting({ ...meeting, dimensions }, votes, { issued: 3, void: 0 }).reporters;
    expect(a?.dimensions).toEqual([{ id: 'duty', name: '履行第一责任人职责', scored: 2, mean: 7.5 }]);
    expect(b?.dimensions).toEqual([{ id: 'duty', name: '履行第一责任人职责', scored: 0, mean: null }]);
  });
});

describe('the votes the close writes', () => {
  test('packed, each vote gives back its group and grades, a reporter it left out still left out', () => {
    const votes: CastVote[] = [
      { groupId: 'masses', grades: { 's/a': '差', 's/b': '好' }, scores: { 's/a': { duty: 3 } } },
      { groupId: 'committee', grades: { 's/b': '一般' } },
    ];
    const packed = packVotes(['s/a', 's/b'], ['committee', 'masses'], votes);
    expect(packed.votes).toEqual(['1:30', '0:-2']);
    expect(unpackVotes(packed)).toEqual([
      { groupId: 'masses', grades: { 's/a': '差', 's/b': '好' } },
      { groupId: 'committee', grades: { 's/b': '一般' } },
    ]);
  });

  test('the largest meeting a file may schedule closes within one Temporal payload (2 MB), with room for the codec', () => {
    // 1,000 ballots grading 100 reporters with long ids, in 20 groups, each with 10 scores.
    const reporters = Array.from({ length: MAX_REPORTERS }, (_, i) => ({
      reportId: `district-season-2026/a-rather-long-branch-identifier-${i}`,
      branchName: `中共某某县某某局第${i}机关党支部委员会`,
    }));
    const groups = Array.from({ length: 20 }, (_, i) => ({ id: `group-${i}`, name: `评议组${i}`, weight: 5 }));
    const dimensions = Array.from({ length: 10 }, (_, i) => ({ id: `dimension-${i}`, name: `评分项${i}`, max: 100 }));
    const votes: CastVote[] = Array.from({ length: MAX_BALLOTS }, (_, v) => ({
      groupId: `group-${v % 20}`,
      grades: Object.fromEntries(reporters.map((r, i) => [r.reportId, RATINGS[(v + i) % 4] as Rating])),
      scores: Object.fromEntries(reporters.map((r) => [r.reportId, Object.fromEntries(dimensions.map((d, i) => [d.id, (v + i) % 101]))])),
    }));
    const input = {
      seasonId: 'district-season-2026',
      meetingId: 'annual',
      auditKey: 'meeting/district-season-2026/annual/closed',
      occurredAt: new Date().toISOString(),
      votes: packVotes(
        reporters.map((r) => r.reportId),
        groups.map((g) => g.id),
        votes,
      ),
      tally: tallyMeeting({ reporters, groups, dimensions }, votes, { issued: MAX_BALLOTS, void: 0 }),
    };
    expect(Buffer.byteLength(JSON.stringify(input))).toBeLessThan(1024 * 1024);
  });
});
