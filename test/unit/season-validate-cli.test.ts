// `season validate` as a person runs it: the CLI in its own process. (Apart from season-file.test.ts
// so the mutation run, which cannot reach a child process, leaves it out: jest.mutate.config.js.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';

describe('season validate', () => {
  const FILE = join(__dirname, '..', 'fixtures', 'seasons', 'warnings', 'leaders-are-secretaries.yaml');

  test('`season validate` prints the warnings after the ✓ line and in --json, and exits 0', async () => {
    const text = await runCli(['season', 'validate', '--file', FILE], { SHUZHI_LOCALE: 'en' });
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^✓ .*leaders-are-secretaries\.yaml: 2 branches, 5 people$/);
    expect(lines[1]).toBe('! 2 warning(s):');
    expect(lines[2]).toContain('leaders-are-secretaries.yaml:21: organization.branches[0].secretary: pgs@bureau.example is the Party group secretary');
    const json = await runCli(['season', 'validate', '--file', FILE, '--json'], { SHUZHI_LOCALE: 'en' });
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { valid: boolean; problems: unknown[]; warnings: { line: number; field: string }[] };
    expect(parsed).toMatchObject({ valid: true, problems: [] });
    expect(parsed.warnings.map((w) => [w.line, w.field])).toEqual([
      [21, 'organization.branches[0].secretary'],
      [26, 'organization.branches[1].secretary'],
    ]);
  });

  test('the problems and warnings of a season file are in Chinese unless SHUZHI_LOCALE says English', async () => {
    const zh = await runCli(['season', 'validate', '--file', FILE], { SHUZHI_LOCALE: '' });
    expect(zh.stdout).toContain('leaders-are-secretaries.yaml:21: organization.branches[0].secretary: pgs@bureau.example 是党组书记，也是 school-a 的书记');
  });

  test('a refused file points to `season validate --help`, whose example is a season file that passes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'season-help-'));
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, '');
    const refused = await runCli(['season', 'validate', '--file', empty], { SHUZHI_LOCALE: 'en' });
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('the example under shuzhi season validate --help');

    const help = await runCli(['season', 'validate', '--help'], { SHUZHI_LOCALE: 'en' });
    const example = help.stdout
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .join('\n');
    const start = example.indexOf('  id: ');
    const end = example.indexOf('\n', example.lastIndexOf('reviewer:'));
    const file = join(dir, 'from-help.yaml');
    writeFileSync(file, example.slice(start, end === -1 ? undefined : end).replace(/^ {2}/gm, ''));
    const checked = await runCli(['season', 'validate', '--file', file], { SHUZHI_LOCALE: 'en' });
    expect(checked.stdout).toMatch(/^✓ .*from-help\.yaml: 1 branches?, 3 people/);
    expect(checked.code).toBe(0);
  });
});
