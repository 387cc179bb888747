import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { formatProblem, loadSeasonFile, SeasonFileError, validateSeasonFile } from '../../app/season-file-loader';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { at } from '../helpers/at';

function writeSeason(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'season-')), 'season.yaml');
  writeFileSync(file, text);
  return file;
}

function problemsOf(path: string) {
  try {
    loadSeasonFile(path);
  } catch (error) {
    if (error instanceof SeasonFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the season file to be refused');
}

describe('season file', () => {
  test('the committed demo season is valid and gets the default schedule and template', () => {
    const season = loadSeasonFile(DEMO_SEASON_FILE, { allowPastDueDate: true });
    expect(season.organization.branches).toHaveLength(3);
    expect(season.schedule.remindersBeforeDue).toEqual(['7d', '3d', '1d']);
    expect(season.template.sections).toEqual(['一、主要工作', '二、存在的主要问题及原因', '三、下步工作思路和主要措施']);
  });

  test('a bad email is reported with its line and field', () => {
    const text = readFileSync(DEMO_SEASON_FILE, 'utf8').replace('secretary: shuji.yizhong@school.example', 'secretary: not-an-email');
    const lineNumber = text.split('\n').findIndex((line) => line.includes('not-an-email')) + 1;
    const problems = problemsOf(writeSeason(text));
    expect(problems).toEqual([expect.objectContaining({ line: lineNumber, field: 'organization.branches[1].secretary' })]);
  });

  test('every problem is reported at once', () => {
    const text = readFileSync(DEMO_SEASON_FILE, 'utf8').replace('dueDate: 2026-12-31', 'dueDate: next friday').replace('year: 2026', 'year: twenty');
    const fields = problemsOf(writeSeason(text)).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['year', 'dueDate']));
  });

  test('broken YAML is reported with its line', () => {
    const problems = problemsOf(writeSeason('id: x\ntitle: [unclosed\n'));
    expect(at(problems, 0, 'problem').line).toBeGreaterThanOrEqual(2);
  });
});

describe('season file validation corpus', () => {
  const FIXTURES = join(__dirname, '..', 'fixtures', 'seasons');
  const BAD = join(FIXTURES, 'bad');
  const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Record<string, string[]>;
  const now = new Date('2026-11-25T00:00:00Z');

  test('has at least 20 bad files, each with its expected messages', () => {
    const files = readdirSync(BAD)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  test.each(Object.entries(expected))('%s is refused with exactly its messages', (name, messages) => {
    const { file, problems } = validateSeasonFile(join(BAD, name), { now });
    expect(file).toBeUndefined();
    expect(problems.map((p) => formatProblem({ ...p, file: basename(p.file) }))).toEqual(messages);
  });

  test('the base the bad files were made from is valid', () => {
    expect(validateSeasonFile(join(FIXTURES, 'base.yaml'), { now })).toMatchObject({ problems: [], warnings: [] });
  });

  test('leaders may approve unreviewed reports only when the file says so', () => {
    expect(loadSeasonFile(join(FIXTURES, 'base.yaml'), { now }).leadersMayApproveUnreviewed).toBeUndefined();
    const text = readFileSync(join(FIXTURES, 'base.yaml'), 'utf8').replace('partyGroupSecretary:', 'leadersMayApproveUnreviewed: true\npartyGroupSecretary:');
    expect(loadSeasonFile(writeSeason(text), { now }).leadersMayApproveUnreviewed).toBe(true);
  });

  test('people and branches can come from CSV files beside the season file', () => {
    const season = loadSeasonFile(join(FIXTURES, 'csv', 'season.yaml'), { now });
    expect(season.organization.branches.map((b) => [b.id, b.secretary, b.reviewer])).toEqual([
      ['school-a', 'sec.a@school.example', 'admin@bureau.example'],
      ['school-b', 'sec.b@school.example', undefined],
    ]);
    expect(season.people.find((p) => p.email === 'sec.b@school.example')).toEqual({ email: 'sec.b@school.example', name: '乙校书记, 兼任', locale: 'en' });
  });
});

describe('separation of duties in the season file', () => {
  const FILE = join(__dirname, '..', 'fixtures', 'seasons', 'warnings', 'leaders-are-secretaries.yaml');
  const now = new Date('2026-11-25T00:00:00Z');

  test('a leader or the Party group secretary who is also a branch secretary is a warning naming who approves instead', () => {
    const { file, problems, warnings } = validateSeasonFile(FILE, { now });
    expect(problems).toEqual([]);
    expect(file).toBeDefined();
    expect(warnings.map((w) => formatProblem({ ...w, file: basename(w.file) }))).toEqual([
      'leaders-are-secretaries.yaml:21: organization.branches[0].secretary: pgs@bureau.example is the Party group secretary and the secretary of school-a: its report will be approved by liaison@bureau.example, sec.b@school.example',
      'leaders-are-secretaries.yaml:26: organization.branches[1].secretary: sec.b@school.example is a leader and the secretary of school-b: its report will be approved by liaison@bureau.example, pgs@bureau.example',
    ]);
  });

  test('loading the file ignores the warnings', () => {
    expect(loadSeasonFile(FILE, { now }).organization.branches).toHaveLength(2);
  });

  test('the committed demo season warns of nothing', () => {
    expect(validateSeasonFile(DEMO_SEASON_FILE, { allowPastDueDate: true }).warnings).toEqual([]);
  });
});
