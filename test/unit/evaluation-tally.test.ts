// 民主测评 arithmetic: counts, percentages, group scores and the weighted score per reporter.
import { GRADE_POINTS, tallyMeeting, type CastVote } from '../../domain/evaluation';

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
