// A meeting file's mistakes are named at their file, line and field, and nothing is scheduled.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMeetingFile } from '../../app/meeting-file';
import { SeasonFileError } from '../../app/season-file-problem';
import { DEMO_MEETING_FILE } from '../helpers/seasons';

const dir = mkdtempSync(join(tmpdir(), 'meeting-file-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const problemsOf = (path: string) => {
  try {
    loadMeetingFile(path);
    return 'loaded';
  } catch (error) {
    if (error instanceof SeasonFileError) return error.explain('en');
    throw error;
  }
};

describe('a meeting file', () => {
  test('the example in examples/ is valid', () => {
    const file = loadMeetingFile(DEMO_MEETING_FILE);
    expect(file.groups.length).toBeGreaterThan(1);
  });

  test('a group with both evaluators and ballots, or neither, is named at its line', () => {
    const path = write(
      'both.yaml',
      [
        'season: demo-2026',
        'id: m1',
        'title: 大会',
        'closesAt: 2026-12-20 17:00',
        'groups:',
        '  - id: a',
        '    name: 委员',
        '    weight: 50',
        '    ballots: 3',
        '    evaluators: [x@y.example]',
        '  - id: b',
        '    name: 群众',
        '    weight: 50',
      ].join('\n'),
    );
    const said = problemsOf(path);
    expect(said).toContain(`${path}:6: groups[0]: Give each group either evaluators`);
    expect(said).toContain(`${path}:11: groups[1]: Give each group either evaluators`);
  });

  test('an impossible closing time, a repeated group, a zero weight and an unknown field are each named', () => {
    const path = write(
      'bad.yaml',
      [
        'season: demo-2026',
        'id: m1',
        'title: 大会',
        'closesAt: 2026-02-30 17:00',
        'groups:',
        '  - id: a',
        '    name: 委员',
        '    weight: 50',
        '    ballots: 3',
        '  - id: a',
        '    name: 群众',
        '    weight: 40',
        '    ballots: 3',
      ].join('\n'),
    );
    expect(problemsOf(path)).toContain(`${path}:4: closesAt: “2026-02-30 17:00” is not a real date`);
    expect(problemsOf(path)).toContain(`${path}:10: groups[1].id: Group id “a” is used twice`);
    const zero = write(
      'zero.yaml',
      ['season: s', 'id: m1', 'title: t', 'closesAt: 2026-12-20', 'groups:', '  - id: a', '    name: n', '    weight: 0', '    ballots: 3'].join('\n'),
    );
    expect(problemsOf(zero)).toBe(`${zero}:8: groups[0].weight: A weight is above 0 and at most 100, e.g. 40 (this says 0).`);
    const unknown = write(
      'unknown.yaml',
      ['season: s', 'id: m1', 'title: t', 'closesAt: 2026-12-20', 'votes: 3', 'groups:', '  - {id: a, name: n, weight: 1, ballots: 3}'].join('\n'),
    );
    expect(problemsOf(unknown)).toContain(`${unknown}:5: votes: unknown field "votes"`);
  });

  test('more ballots than a meeting takes is refused, with what to do', () => {
    const path = write(
      'many.yaml',
      [
        'season: s',
        'id: m1',
        'title: t',
        'closesAt: 2026-12-20',
        'groups:',
        '  - {id: a, name: n, weight: 1, ballots: 800}',
        '  - {id: b, name: m, weight: 1, ballots: 800}',
      ].join('\n'),
    );
    expect(problemsOf(path)).toContain('A meeting takes at most 1000 ballots; this file issues 1600: split it into several meetings.');
  });

  test('more reporters than a meeting takes is refused at the line of the list', () => {
    const branches = Array.from({ length: 101 }, (_, i) => `branch-${i}`).join(', ');
    const path = write(
      'reporters.yaml',
      ['season: s', 'id: m1', 'title: t', 'closesAt: 2026-12-20', `reporters: [${branches}]`, 'groups:', '  - {id: a, name: n, weight: 1, ballots: 8}'].join(
        '\n',
      ),
    );
    expect(problemsOf(path)).toContain(`${path}:5: reporters: A meeting takes at most 100 reporters; this lists 101: split them into several meetings.`);
  });
});
