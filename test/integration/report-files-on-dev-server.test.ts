// One full-length report saved the five ways offices save it (UTF-8, CRLF, GBK, UTF-16, Word),
// drafted and submitted through the real CLI, the worker and the dev server: the workflow's check
// finds what `report check` finds offline, and the submission stores the same figures.
import { join } from 'node:path';
import type { VersionSaved } from '../../domain/report-api';
import { at } from '../helpers/at';
import { runCli } from '../helpers/cli';
import { startCliStack, type CliStack } from '../helpers/cli-stack';
import { databaseKinds, type ScratchDatabase } from '../helpers/databases';
import { DEMO_SEASON_FILE } from '../helpers/seasons';

const DIR = join(__dirname, '..', 'fixtures', 'reports');
const VARIANTS = ['full-report.txt', 'full-report.crlf.txt', 'full-report.gbk.txt', 'full-report.utf16le.txt', 'full-report.docx'];
const REPORT = 'demo-2026/no1-middle-school';
const SECRETARY = 'shuji.yizhong@school.example';

let stack: CliStack;
let scratch: ScratchDatabase;
let cliEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  stack = await startCliStack(at(databaseKinds(), 0, 'database kind'));
  ({ scratch, cliEnv } = stack);
  for (const args of [
    ['season', 'create', '--file', DEMO_SEASON_FILE],
    ['season', 'start', 'demo-2026', '--wait'],
  ]) {
    const result = await runCli(args, cliEnv);
    if (result.code !== 0) throw new Error(`shuzhi ${args.join(' ')}: ${result.stderr}`);
  }
});

afterAll(() => stack?.stop());

/** What a check says about a file, in a form every door can be compared by. */
const placed = (warnings: { section?: string; column?: number; context?: string; code: string }[]) =>
  warnings.map((w) => [w.code, w.section, w.column, w.context]);

async function json<T>(args: string[]): Promise<{ code: number | null; value: T }> {
  const result = await runCli(args, cliEnv);
  return { code: result.code, value: JSON.parse(result.stdout) as T };
}

test('each of the five files, drafted through the workflow, finds what report check finds offline', async () => {
  const offline = await json<{ warnings: VersionSaved['warnings']; figures: VersionSaved['figures'] }>([
    'report',
    'check',
    '--file',
    join(DIR, 'full-report.txt'),
    '--json',
  ]);
  expect(offline.value.warnings).toHaveLength(6);
  expect(Object.keys(offline.value.figures)).toHaveLength(7);

  for (const [i, file] of VARIANTS.entries()) {
    const drafted = await json<VersionSaved>(['report', 'draft', REPORT, '--file', join(DIR, file), '--as', SECRETARY, '--json']);
    expect({ file, code: drafted.code, version: drafted.value.versionNumber }).toEqual({ file, code: 0, version: i + 1 });
    expect({ file, warnings: placed(drafted.value.warnings), figures: drafted.value.figures }).toEqual({
      file,
      warnings: placed(offline.value.warnings),
      figures: offline.value.figures,
    });
  }
});

test('the Word file is submitted with its warnings accepted, and the version keeps its figures', async () => {
  const submitted = await json<VersionSaved>([
    'report',
    'submit',
    REPORT,
    '--file',
    join(DIR, 'full-report.docx'),
    '--as',
    SECRETARY,
    '--accept-warnings',
    '--json',
  ]);
  expect(submitted.code).toBe(0);
  const version = await scratch.db.reportVersion.findFirstOrThrow({ where: { reportId: REPORT, number: submitted.value.versionNumber } });
  expect(JSON.parse(version.figuresJson ?? '{}')).toEqual(submitted.value.figures);
  expect(submitted.value.figures).toMatchObject({ membersConfirmed: 2, inServiceMembers: 356, retiredMembers: 87, duesCollectedYuan: 52_360 });
});
