// `shuzhi report check --season`: the season's own template, read from the database, with no
// Temporal server and no worker; the CLI in its own process, as a person runs it.
import { join } from 'node:path';
import { importSeason } from '../../db/season-import';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { runCli } from '../helpers/cli';
import { databaseKinds, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';

const REPORT = join(__dirname, '..', 'fixtures', 'reports', 'full-report.docx');
// Nothing listens here: the command must not need Temporal.
const NO_TEMPORAL = { TEMPORAL_ADDRESS: '127.0.0.1:1' };

let scratch: ScratchDatabase;
beforeAll(async () => {
  scratch = await (databaseKinds()[0] as ReturnType<typeof databaseKinds>[number]).create();
  const season = demoSeason({
    id: 'check-2026',
    template: { sections: ['一、主要工作', '二、存在的主要问题及原因', '三、下步工作思路和主要措施', '四、廉洁自律情况'], maxCharacters: 20000 },
  });
  await importSeason(scratch.db, season, { email: 'zuzhi@bureau.example', channel: 'cli' }, TEST_AUDIT_KEY);
});
afterAll(async () => {
  await scratch?.drop();
});

test("with --season, the season's template is the one checked against: its extra section is missing (exit 1)", async () => {
  const env = { ...NO_TEMPORAL, DATABASE_URL: scratch.url };
  const withSeason = await runCli(['report', 'check', '--file', REPORT, '--season', 'check-2026', '--json'], env);
  expect(withSeason.code).toBe(1);
  expect((JSON.parse(withSeason.stdout) as { errors: { code: string; section: string }[] }).errors).toMatchObject([
    { code: 'missing_section', section: '四、廉洁自律情况' },
  ]);
  const withDefault = await runCli(['report', 'check', '--file', REPORT], env);
  expect(withDefault.code).toBe(0);
  expect(withDefault.stdout).toContain('  党费：52,360 元');
});

test('an unknown season is named, with what to do, and exits 2', async () => {
  const result = await runCli(['report', 'check', '--file', REPORT, '--season', 'nosuch'], { ...NO_TEMPORAL, DATABASE_URL: scratch.url });
  expect({ code: result.code, stdout: result.stdout.trim() }).toEqual({
    code: 2,
    stdout: '? 没有编号为 nosuch 的述职季度：请检查 --season（不加 --season 则按默认模板检查）。',
  });
});
