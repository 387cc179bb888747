import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeasonFile, SeasonFileError } from '../../client/season-file-loader';
import { DEMO_SEASON_FILE } from '../helpers/seasons';

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
    const season = loadSeasonFile(DEMO_SEASON_FILE);
    expect(season.organization.branches).toHaveLength(3);
    expect(season.schedule.remindersBeforeDue).toEqual(['7d', '3d', '1d']);
    expect(season.template.sections).toEqual(['一、主要工作', '二、存在的主要问题及原因', '三、下步工作思路和主要措施']);
  });

  test('a bad email is reported with its line and field', () => {
    const text = readFileSync(DEMO_SEASON_FILE, 'utf8').replace(
      'secretary: shuji.yizhong@school.example',
      'secretary: not-an-email',
    );
    const lineNumber = text.split('\n').findIndex((line) => line.includes('not-an-email')) + 1;
    const problems = problemsOf(writeSeason(text));
    expect(problems).toEqual([
      expect.objectContaining({ line: lineNumber, field: 'organization.branches[1].secretary' }),
    ]);
  });

  test('every problem is reported at once', () => {
    const text = readFileSync(DEMO_SEASON_FILE, 'utf8')
      .replace('dueDate: 2026-12-31', 'dueDate: next friday')
      .replace('year: 2026', 'year: twenty');
    const fields = problemsOf(writeSeason(text)).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['year', 'dueDate']));
  });

  test('broken YAML is reported with its line', () => {
    const problems = problemsOf(writeSeason('id: x\ntitle: [unclosed\n'));
    expect(problems[0].line).toBeGreaterThanOrEqual(2);
  });
});
