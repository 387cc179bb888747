import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { formatProblem, loadSeasonFile, SeasonFileError, validateSeasonFile, type SeasonFileProblem } from '../../app/season-file-loader';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { at } from '../helpers/at';
import iconv from 'iconv-lite';

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

  test('a problem reads in Chinese by default and in English when asked, naming file, line and field', () => {
    const problems = problemsOf(writeSeason(readFileSync(DEMO_SEASON_FILE, 'utf8').replace('timeZone: Asia/Shanghai', 'timeZone: Asia/Beijing')));
    const named = { ...at(problems, 0, 'problem'), file: 'season.yaml' };
    expect(formatProblem(named)).toBe('season.yaml:5: timeZone: 不认识的时区 Asia/Beijing：请写 IANA 时区名，如 Asia/Shanghai（北京时间）。');
    expect(formatProblem(named, 'en')).toBe('season.yaml:5: timeZone: unknown time zone Asia/Beijing: write an IANA zone name such as Asia/Shanghai.');
  });

  test('a folder given as the season file is one problem naming it, not a crash', () => {
    const folder = mkdtempSync(join(tmpdir(), 'season-folder-'));
    expect(validateSeasonFile(folder).problems.map((p) => [p.line, p.field, p.message.en])).toEqual([
      [1, '', `${folder} cannot be read (EISDIR): check that it is a file you may read.`],
    ]);
  });

  test('a refused file says why in the language asked for', () => {
    const text = readFileSync(DEMO_SEASON_FILE, 'utf8').replace('digestEvery: 7d', 'digestEvery: 0s');
    const error = (() => {
      try {
        loadSeasonFile(writeSeason(text), { allowPastDueDate: true });
      } catch (caught) {
        return caught as SeasonFileError;
      }
      throw new Error('expected the season file to be refused');
    })();
    expect(error.explain('zh-CN')).toContain('schedule.digestEvery: 逾期后重复提醒的间隔必须大于 0（这里写的是 0s）');
    expect(error.explain('en')).toContain('schedule.digestEvery: the interval of the repeated overdue notice must be longer than 0 (this says 0s)');
  });
});

describe('season file validation corpus', () => {
  const FIXTURES = join(__dirname, '..', 'fixtures', 'seasons');
  const BAD = join(FIXTURES, 'bad');
  interface Expected {
    file: string;
    line: number;
    field: string;
    'zh-CN': string;
    en: string;
  }
  const expected = JSON.parse(readFileSync(join(BAD, 'expected.json'), 'utf8')) as Record<string, { problems: Expected[]; warnings?: Expected[] }>;
  const now = new Date('2026-11-25T00:00:00Z');
  const asExpected = (p: SeasonFileProblem): Expected => ({
    file: basename(p.file),
    line: p.line,
    field: p.field,
    'zh-CN': p.message['zh-CN'],
    en: p.message.en,
  });

  test('has at least 60 bad files, each with its expected messages', () => {
    const files = readdirSync(BAD)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(60);
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  test.each(Object.entries(expected))('%s is refused with exactly its problems: file, line, field and words', (name, { problems, warnings = [] }) => {
    const found = validateSeasonFile(join(BAD, name), { now });
    expect(found.file).toBeUndefined();
    expect(found.problems.map(asExpected)).toEqual(problems);
    expect(found.warnings.map(asExpected)).toEqual(warnings);
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

describe('season files as offices save them', () => {
  const ENCODINGS = join(__dirname, '..', 'fixtures', 'seasons', 'encodings');
  const now = new Date('2026-11-25T00:00:00Z');

  test.each([
    ['season-gbk.yaml', 'GB18030 (GBK)'],
    ['season-utf16le.yaml', 'UTF-16'],
    ['season-utf16be.yaml', 'UTF-16'],
  ])('%s is accepted with its Chinese names intact and a warning naming %s', (name, encoding) => {
    const { file, problems, warnings } = validateSeasonFile(join(ENCODINGS, name), { now });
    expect(problems).toEqual([]);
    expect(file?.title).toBe('2030年度述职评议');
    expect(file?.organization.branches.map((b) => b.name)).toEqual(['甲校党支部', '乙校党支部']);
    expect(warnings.map((w) => [w.line, w.field, w.message.en])).toEqual([[1, '', `${name} was read as ${encoding}; saving it as UTF-8 is recommended.`]]);
  });

  test('a branches CSV saved by Excel as GBK gives its names as written, with a warning naming the CSV and its encoding', () => {
    const { file, problems, warnings } = validateSeasonFile(join(ENCODINGS, 'season-gbk-csv.yaml'), { now });
    expect(problems).toEqual([]);
    expect(file?.organization.branches.map((b) => b.name)).toEqual(['甲校党支部', '乙校党支部, 二部']);
    expect(warnings.map((w) => [basename(w.file), w.line, w.message['zh-CN']])).toEqual([
      ['branches-gbk.csv', 1, 'branches-gbk.csv 按 GB18030（GBK） 编码读取；建议另存为 UTF-8。'],
    ]);
  });
});

test('a branches CSV as Excel saves it, with bare-comma rows below and unnamed empty columns beside, reads as its rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'season-'));
  const csv = [
    'id,name,secretary,liaison,reviewer,,',
    'school-a,甲校党支部,sec.a@school.example,liaison@bureau.example,admin@bureau.example,,',
    'school-b,乙校党支部,sec.b@school.example,,,,',
    ',,,,,,',
    ',,,,,,',
    '',
  ].join('\r\n');
  writeFileSync(join(dir, 'branches.csv'), iconv.encode(csv, 'gb18030'));
  const base = readFileSync(join(__dirname, '..', 'fixtures', 'seasons', 'encodings', 'season-gbk-csv.yaml'), 'utf8');
  writeFileSync(join(dir, 'season.yaml'), base.replace('branches-gbk.csv', 'branches.csv'));
  const { file, problems } = validateSeasonFile(join(dir, 'season.yaml'), { now: new Date('2026-11-25T00:00:00Z') });
  expect(problems).toEqual([]);
  expect(file?.organization.branches.map((b) => [b.id, b.name])).toEqual([
    ['school-a', '甲校党支部'],
    ['school-b', '乙校党支部'],
  ]);
  // A value in an unnamed column is still a mistake, said at its line.
  writeFileSync(join(dir, 'branches.csv'), iconv.encode(csv.replace('sec.b@school.example,,,,', 'sec.b@school.example,,,兼任,'), 'gb18030'));
  expect(
    validateSeasonFile(join(dir, 'season.yaml'), { now: new Date('2026-11-25T00:00:00Z') }).problems.map((p) => [p.line, p.field, p.message['zh-CN']]),
  ).toEqual([[1, '', '第 6 列没有列名：请填写列名，或删去这一列。']]);
});

test('a branches list saved by Excel as Unicode text (UTF-16, tab-separated) reads as its rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'season-'));
  const rows = [
    'id\tname\tsecretary\tliaison\treviewer',
    'school-a\t甲校党支部\tsec.a@school.example\tliaison@bureau.example\tadmin@bureau.example',
    'school-b\t乙校党支部\tsec.b@school.example\t\t',
    '',
  ];
  writeFileSync(join(dir, 'branches.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rows.join('\r\n'), 'utf16le')]));
  const base = readFileSync(join(__dirname, '..', 'fixtures', 'seasons', 'encodings', 'season-gbk-csv.yaml'), 'utf8');
  writeFileSync(join(dir, 'season.yaml'), base.replace('branches-gbk.csv', 'branches.csv'));
  const { file, problems } = validateSeasonFile(join(dir, 'season.yaml'), { now: new Date('2026-11-25T00:00:00Z') });
  expect(problems).toEqual([]);
  expect(file?.organization.branches.map((b) => [b.id, b.name, b.secretary])).toEqual([
    ['school-a', '甲校党支部', 'sec.a@school.example'],
    ['school-b', '乙校党支部', 'sec.b@school.example'],
  ]);
});

test('a title, a branch name or a person name longer than a mail subject or a table cell can hold is refused, saying how long', () => {
  const base = readFileSync(join(__dirname, '..', 'fixtures', 'seasons', 'base.yaml'), 'utf8');
  const long = base
    .replace('title: 2030年度述职评议', `title: ${'述'.repeat(101)}`)
    .replace('name: 甲校党支部', `name: ${'甲'.repeat(61)}`)
    .replace('name: 甲校书记', `name: ${'书'.repeat(41)}`);
  expect(problemsOf(writeSeason(long)).map((p) => [p.field, p.message['zh-CN']])).toEqual([
    ['title', expect.stringMatching(/最多 100 字，现在有 101 字：请缩短。$/)],
    [expect.stringMatching(/^people\[\d\]\.name$/), expect.stringMatching(/最多 40 字，现在有 41 字：请缩短。$/)],
    [expect.stringMatching(/^organization\.branches\[0\]\.name$/), expect.stringMatching(/最多 60 字，现在有 61 字：请缩短。$/)],
  ]);
  // At the limits, accepted.
  const atLimits = base.replace('title: 2030年度述职评议', `title: ${'述'.repeat(100)}`).replace('name: 甲校党支部', `name: ${'甲'.repeat(60)}`);
  expect(validateSeasonFile(writeSeason(atLimits), { now: new Date('2026-11-25T00:00:00Z') }).problems).toEqual([]);
});

describe('schedules that cannot hurt anyone', () => {
  const BASE = join(__dirname, '..', 'fixtures', 'seasons', 'base.yaml');
  const now = new Date('2026-11-25T00:00:00Z');
  const base = readFileSync(BASE, 'utf8');
  const withSchedule = (lines: string[], edit: (text: string) => string = (text) => text) =>
    writeSeason(edit(base).replace(/(dueDate: .*\n)/, `$1schedule:\n${lines.map((line) => `  ${line}\n`).join('')}`));

  test('a demo lowers the notice gap explicitly, and then may repeat every 15 minutes, with a warning saying it is for demos', () => {
    const { file, problems, warnings } = validateSeasonFile(withSchedule(['minimumNoticeGap: 15m', 'digestEvery: 15m', 'remindersBeforeDue: [1h, 30m, 15m]']), {
      now,
    });
    expect(problems).toEqual([]);
    expect(file?.schedule.minimumNoticeGap).toBe('15m');
    expect(warnings.map((w) => [w.field, w.message.en])).toEqual([
      [
        'schedule.minimumNoticeGap',
        'minimumNoticeGap is 15m, below the usual 1h: one person may be told every 15m. Meant for demos and tests; remove it for a real season.',
      ],
    ]);
  });

  test('without the demo setting the same schedule is refused', () => {
    const fields = validateSeasonFile(withSchedule(['digestEvery: 15m', 'remindersBeforeDue: [1h, 30m, 15m]']), { now }).problems.map((p) => p.field);
    expect(fields).toEqual(['schedule.digestEvery', 'schedule.remindersBeforeDue', 'schedule.remindersBeforeDue']);
  });

  test('the default reminders that have already passed are left to the workflow, which skips them; only written ones are refused', () => {
    const soon = (text: string) => text.replace('year: 2030', 'year: 2026').replace('dueDate: 2030-12-31', 'dueDate: 2026-11-27');
    expect(validateSeasonFile(writeSeason(soon(base)), { now }).problems).toEqual([]);
    const written = validateSeasonFile(withSchedule(['remindersBeforeDue: [7d, 1d]'], soon), { now });
    expect(written.problems.map((p) => [p.field, p.message.en])).toEqual([
      [
        'schedule.remindersBeforeDue[0]',
        'the reminder 7d before the due date would go out at 2026-11-20 23:59 (Asia/Shanghai), which has passed, so it would never be sent: remove it, or make it shorter so it falls after today.',
      ],
    ]);
  });

  test('a file whose due date the caller moves (the demo) is not held to today', () => {
    const past = withSchedule(['remindersBeforeDue: [7d, 1d]'], (text) =>
      text.replace('year: 2030', 'year: 2020').replace('dueDate: 2030-12-31', 'dueDate: 2020-12-31'),
    );
    expect(validateSeasonFile(past, { now, allowPastDueDate: true }).problems).toEqual([]);
  });

  test('a due date early in the next year fits the year reported on; one in its second half does not', () => {
    const due = (date: string) =>
      validateSeasonFile(writeSeason(base.replace('dueDate: 2030-12-31', `dueDate: ${date}`)), { now }).problems.map((p) => p.field);
    expect(due('2030-01-01')).toEqual([]);
    expect(due('2031-06-30')).toEqual([]);
    expect(due('2031-07-01')).toEqual(['year']);
    expect(due('2029-12-31')).toEqual(['year']);
  });

  test('two reminders written as 1d and 24h are the same reminder', () => {
    const problems = validateSeasonFile(withSchedule(['remindersBeforeDue: [1d, 24h]']), { now }).problems;
    expect(problems.map((p) => [p.field, p.message.en])).toEqual([
      ['schedule.remindersBeforeDue[1]', 'the reminder 24h before the due date is listed twice: list each once.'],
    ]);
  });

  test('sections are compared without the spaces around them', () => {
    const problems = validateSeasonFile(
      writeSeason(base.replace('dueDate: 2030-12-31\n', 'dueDate: 2030-12-31\ntemplate:\n  sections: [一、主要工作, "一、主要工作 "]\n')),
      { now },
    ).problems;
    expect(problems.map((p) => p.field)).toEqual(['template.sections[1]']);
  });
});

describe('separation of duties in the season file', () => {
  const FILE = join(__dirname, '..', 'fixtures', 'seasons', 'warnings', 'leaders-are-secretaries.yaml');
  const now = new Date('2026-11-25T00:00:00Z');

  test('a leader or the Party group secretary who is also a branch secretary is a warning naming who approves instead', () => {
    const { file, problems, warnings } = validateSeasonFile(FILE, { now });
    expect(problems).toEqual([]);
    expect(file).toBeDefined();
    expect(warnings.map((w) => formatProblem({ ...w, file: basename(w.file) }, 'en'))).toEqual([
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
