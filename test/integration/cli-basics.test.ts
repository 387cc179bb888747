import { runCli } from '../helpers/cli';

describe('the shuzhi command', () => {
  test('--help lists the commands', async () => {
    const result = await runCli(['--help'], {});
    expect(result.code).toBe(0);
    for (const command of ['season', 'audit', 'mailbox', 'db:migrate']) expect(result.stdout).toContain(command);
  });

  test('a wrong environment variable fails with its name', async () => {
    const result = await runCli(['season', 'status', 'demo-2026'], { TEMPORAL_ADDRESS: 'no-port-here' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TEMPORAL_ADDRESS: must be host:port');
  });

  test('season validate reports every problem and exits non-zero', async () => {
    const bad = await runCli(['season', 'validate', '--file', 'test/fixtures/seasons/bad/26-many-problems.yaml'], {});
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('✗ 3 problem(s):');
    expect(bad.stdout).toContain('26-many-problems.yaml:26: organization.branches[1].secretary: Invalid email address');
    const good = await runCli(['season', 'validate', '--file', 'test/fixtures/seasons/csv/season.yaml'], {});
    expect(good).toMatchObject({ code: 0, stdout: expect.stringContaining('2 branches, 5 people') });
  });

  test('an invalid season file is refused with file, line and field, and nothing is created', async () => {
    const result = await runCli(['season', 'create', '--file', 'package.json'], { DATABASE_URL: 'file:/nonexistent/dir/x.db' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/package\.json:\d+: /);
  });
});
