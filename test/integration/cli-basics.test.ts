// The CLI as a person meets it, without Temporal: help and messages in their language, the
// version, the season file's format, a missing bootstrap, and an unknown season, branch or date
// said as such with exit code 1.
import { markDemoStack } from '../../config/demo-stack';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { appendAuditEvent } from '../../db/audit';
import { createScratchSqlite, type ScratchDatabase } from '../../db/scratch-database';
import { importSeason } from '../../db/season-import';
import { reportWorkflowId } from '../../domain/ids';
import { projectCopy, runCli } from '../helpers/cli';
import { demoSeason } from '../helpers/seasons';
import { TEST_AUDIT_KEY, TEST_SECRET } from '../helpers/audit-key';

const NO_TEMPORAL = { TEMPORAL_ADDRESS: '127.0.0.1:1' }; // nothing listens there: a lookup must not need Temporal
const en = { SHUZHI_LOCALE: 'en' };

describe('the shuzhi command', () => {
  test('help is in Chinese by default and in English with SHUZHI_LOCALE=en', async () => {
    const zh = await runCli(['--help'], {});
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('命令：');
    expect(zh.stdout).toMatch(/season\s+述职季度：校验、创建、启动、查看、审批、导出/);
    for (const command of ['report', 'audit', 'mailbox', 'db:migrate']) expect(zh.stdout).toContain(command);
    expect(zh.stdout).not.toContain('display help for command');
    const english = await runCli(['season', 'approve', '--help'], en);
    expect(english.stdout).toContain('Options:');
    expect(english.stdout).toContain('--ratings <csv>');
    expect(english.stdout).toContain('leadership: approve many reports at once');
    const chinese = await runCli(['season', 'approve', '--help'], {});
    expect(chinese.stdout).toContain('党组领导批量审批');
  });

  test("Commander's own errors are in the user's language and exit 1", async () => {
    const zh = await runCli(['season', 'list', '--nosuch-option'], {});
    expect({ code: zh.code, stderr: zh.stderr }).toEqual({ code: 1, stderr: expect.stringContaining('错误： 没有 --nosuch-option 这个选项。') });
    const english = await runCli(['seasn'], en);
    expect(english.stderr).toContain('there is no command seasn. (did you mean season?)');
  });

  test('--version prints the version in package.json', async () => {
    const result = await runCli(['--version'], {});
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect({ code: result.code, stdout: result.stdout.trim() }).toEqual({ code: 0, stdout: version });
  });

  test("season validate --help shows the season file's format, and the example in it is a valid season file", async () => {
    const zh = (await runCli(['season', 'validate', '--help'], {})).stdout;
    expect(zh).toContain('时长的写法');
    expect(zh).toContain('7d、12h、30m、45s');
    const example = /示例：\n\n([\s\S]+?)\n\n各字段：/.exec(zh)?.[1];
    const dir = mkdtempSync(join(tmpdir(), 'season-help-'));
    writeFileSync(join(dir, 'example.yaml'), (example ?? '').replace(/^ {2}/gm, ''));
    const validated = await runCli(['season', 'validate', '--file', join(dir, 'example.yaml')], {});
    expect({ code: validated.code, stdout: validated.stdout }).toEqual({ code: 0, stdout: expect.stringContaining('✓') });
    expect((await runCli(['season', 'create', '--help'], en)).stdout).toContain('Durations: a whole number and a unit');
  });

  test('without the bootstrap (no generated Prisma client) it says, in both languages, to run npm run bootstrap', async () => {
    const bare = projectCopy({ withGeneratedClient: false });
    const bootstrapped = projectCopy({ withGeneratedClient: true });
    try {
      const result = await runCli(['--help'], {}, bare);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('请先运行 npm run bootstrap');
      expect(result.stderr).toContain('run `npm run bootstrap` first');
      expect(result.stderr).not.toMatch(/^\s+at /m); // no stack trace
      // The same copy with the generated client works: what was missing was the bootstrap alone.
      expect((await runCli(['--help'], {}, bootstrapped)).code).toBe(0);
    } finally {
      for (const root of [bare, bootstrapped]) rmSync(root, { recursive: true, force: true });
    }
  });

  test('a wrong environment variable fails with its name', async () => {
    const result = await runCli(['season', 'status', 'demo-2026'], { TEMPORAL_ADDRESS: 'no-port-here' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TEMPORAL_ADDRESS: must be host:port');
  });

  test('season validate reports every problem and exits non-zero', async () => {
    const bad = await runCli(['season', 'validate', '--file', 'test/fixtures/seasons/bad/26-many-problems.yaml'], {});
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('✗ 3 处问题：');
    expect(bad.stdout).toContain('26-many-problems.yaml:26: organization.branches[1].secretary: ');
    const good = await runCli(['season', 'validate', '--file', 'test/fixtures/seasons/csv/season.yaml'], en);
    expect(good).toMatchObject({ code: 0, stdout: expect.stringContaining('2 branches, 5 people') });
  });

  test('an invalid season file is refused with file, line and field, and nothing is created', async () => {
    const result = await runCli(['season', 'create', '--file', 'package.json'], { DATABASE_URL: 'file:/nonexistent/dir/x.db' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/package\.json:\d+: /);
  });

  test('bulk approval without --rating or --ratings is refused before anything is opened: no rating is assumed', async () => {
    const result = await runCli(['season', 'approve', 'demo-2026', '--as', 'dangzu.shuji@bureau.example'], { DATABASE_URL: 'file:/nonexistent/dir/x.db' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('审批须给出评价等次：加 --rating');
    expect((await runCli(['season', 'approve', 'demo-2026', '--as', 'a@b.example', '--rating', '优'], {})).stderr).toContain('--rating 优 不是评价等次');
  });
});

describe('the shuzhi command on a database', () => {
  let scratch: ScratchDatabase;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const season = demoSeason();
  const seasonId = season.id;

  beforeAll(async () => {
    scratch = await createScratchSqlite();
    dir = mkdtempSync(join(tmpdir(), 'cli-basics-'));
    markDemoStack(dir); // commands here name who acts (--as), as on npm start's stack
    env = { DATABASE_URL: scratch.url, SHUZHI_DATA_DIR: dir, SHUZHI_SECRET: TEST_SECRET, ...NO_TEMPORAL };
    await importSeason(scratch.db, season, { email: 'zuzhi@bureau.example', channel: 'system' }, TEST_AUDIT_KEY);
    // One report, overdue since 30 November, its liaison told on 1 December at 10:30 in Shanghai.
    await scratch.db.report.create({
      data: {
        id: `${seasonId}/bureau-office`,
        seasonId,
        branchId: 'bureau-office',
        workflowId: reportWorkflowId(seasonId, 'bureau-office'),
        secretaryEmail: 'shuji.jiguan@bureau.example',
        state: 'drafting',
        dueAt: new Date('2026-11-30T15:59:59.999Z'),
        escalatedTo: 'weiyuan.zhao@bureau.example',
        escalatedAt: new Date('2026-12-01T02:30:00Z'),
      },
    });
    await scratch.db.$transaction((tx) =>
      appendAuditEvent(tx, TEST_AUDIT_KEY, {
        key: `test/${seasonId}/extended`,
        occurredAt: '2026-12-01T16:30:00.000Z',
        actorEmail: 'zuzhi@bureau.example',
        action: 'report.extended',
        channel: 'cli',
        seasonId,
        reportId: `${seasonId}/bureau-office`,
        detail: {},
      }),
    );
  });
  afterAll(async () => {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("season list shows each season's state, its due date in its zone with the zone named, and its reports", async () => {
    const listed = await runCli(['season', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n')[0]).toBe('编号\t名称\t年度\t状态\t截止时间\t报告数');
    expect(listed.stdout).toContain(`${seasonId}\t${season.title}\t${season.year}\t未启动\t${season.dueDate} 23:59（Asia/Shanghai）\t1`);
    const json = JSON.parse((await runCli(['season', 'list', '--json'], env)).stdout) as { id: string; dueAt: string; status: string }[];
    expect(json).toEqual([expect.objectContaining({ id: seasonId, status: 'draft', dueAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT15:59:59\.999Z$/) })]);
  });

  const unknownSeasonCommands = [
    ['season', 'status', 'nosuch'],
    ['season', 'start', 'nosuch'],
    ['season', 'close', 'nosuch', '--as', 'zuzhi@bureau.example'],
    ['season', 'export', 'nosuch', '--format', 'csv', '--out', '/dev/null'],
    ['season', 'extend', 'nosuch', '--until', '2027-01-31', '--as', 'zuzhi@bureau.example'],
    ['season', 'delegate', 'nosuch', '--from', 'a@b.example', '--to', 'c@b.example', '--until', '2027-01-31', '--as', 'zuzhi@bureau.example'],
    ['season', 'add-branch', 'nosuch', '--id', 'x', '--name', 'x', '--secretary', 'x@b.example', '--as', 'zuzhi@bureau.example'],
    ['season', 'approve', 'nosuch', '--rating', '好', '--as', 'dangzu.shuji@bureau.example'],
    ['approve', 'nosuch', '--rating', '好', '--as', 'dangzu.shuji@bureau.example'],
    ['audit', 'nosuch'],
    ['report', 'show', 'nosuch/bureau-office'],
    ['report', 'draft', 'nosuch/bureau-office', '--file', 'README.md', '--as', 'a@b.example'],
    ['report', 'submit', 'nosuch/bureau-office', '--file', 'README.md', '--as', 'a@b.example'],
    ['report', 'review', 'nosuch/bureau-office', '--approve', '--as', 'a@b.example'],
    ['report', 'extend', 'nosuch/bureau-office', '--until', '2027-01-31', '--as', 'a@b.example'],
    ['report', 'reassign', 'nosuch/bureau-office', '--to', 'c@b.example', '--as', 'a@b.example'],
    ['report', 'exempt', 'nosuch/bureau-office', '--reason', 'r', '--as', 'a@b.example'],
    ['report', 'set-role', 'nosuch/bureau-office', '--role', 'reviewer', '--to', 'c@b.example', '--as', 'a@b.example'],
  ];

  /** The command's words before the season it names: `season status`, `audit`, `approve`. */
  const commandOf = (args: string[]) => args.filter((_, i) => i < args.findIndex((a) => a.startsWith('nosuch'))).join(' ');

  test.each(unknownSeasonCommands.map((args) => [commandOf(args), args]))('%s with an unknown season says so and exits 1', async (_, args) => {
    const result = await runCli(args as string[], env);
    expect({ code: result.code, stderr: result.stderr.trim() }).toEqual({
      code: 1,
      stderr: '错误： 没有编号为 nosuch 的述职季度。用 shuzhi season list 查看已有的季度。',
    });
  });

  test("an unknown branch says so, names the season's branches and exits 1", async () => {
    const commands = [
      ['audit', seasonId, '--branch', 'nosuch'],
      ['season', 'extend', seasonId, '--branch', 'nosuch', '--until', '2027-01-31', '--as', 'zuzhi@bureau.example'],
      ['season', 'approve', seasonId, '--branch', 'nosuch', '--rating', '好', '--as', 'dangzu.shuji@bureau.example'],
      ['report', 'show', `${seasonId}/nosuch`],
    ];
    for (const args of commands) {
      const result = await runCli(args, { ...env, ...en });
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({
        args,
        code: 1,
        stderr: expect.stringContaining(`Season ${seasonId} has no branch nosuch. Its branch ids are bureau-office, experimental-primary, no1-middle-school.`),
      });
    }
  });

  test('a report whose workflow has not started says to start the season', async () => {
    const result = await runCli(['report', 'show', `${seasonId}/no1-middle-school`], env);
    expect({ code: result.code, stderr: result.stderr.trim() }).toEqual({
      code: 1,
      stderr: `错误： 报告 ${seasonId}/no1-middle-school 还没有开始：请先启动季度（shuzhi season start）。`,
    });
  });

  test('a date that is not on the calendar is refused, naming the option', async () => {
    const result = await runCli(['season', 'extend', seasonId, '--until', '2027-02-30', '--as', 'zuzhi@bureau.example'], env);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: expect.stringContaining('--until 2027-02-30 不是日期') });
  });

  test("the record lists each act in words and each time in the season's zone with the zone named; --json keeps the instant and the code", async () => {
    const listed = await runCli(['audit', seasonId, '--branch', 'bureau-office'], env);
    expect(listed.stdout.trim()).toBe(`2026-12-02 00:30（Asia/Shanghai）  zuzhi@bureau.example  延长截止日期  ${seasonId}/bureau-office  [cli]`);
    const english = await runCli(['audit', seasonId, '--branch', 'bureau-office'], { ...env, SHUZHI_LOCALE: 'en' });
    expect(english.stdout).toContain('  due date extended  ');
    const json = JSON.parse((await runCli(['audit', seasonId, '--branch', 'bureau-office', '--json'], env)).stdout) as { occurredAt: string; action: string }[];
    expect(json.map((e) => [e.occurredAt, e.action])).toEqual([['2026-12-01T16:30:00.000Z', 'report.extended']]);
  });

  test("season status shows its due date and when the liaison was told in the season's zone, each labelled", async () => {
    const status = await runCli(['season', 'status', seasonId], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(`截止 ${season.dueDate} 23:59（Asia/Shanghai）`);
    expect(status.stdout).toContain('已告知：weiyuan.zhao@bureau.example，2026-12-01 10:30（Asia/Shanghai）');
    const json = JSON.parse((await runCli(['season', 'status', seasonId, '--json'], env)).stdout) as { overdue: { told: { at: string } }[] };
    expect(json.overdue[0]?.told.at).toBe('2026-12-01T02:30:00.000Z');
  });

  test('a ratings file with problems names each line, and nothing is approved', async () => {
    const file = join(dir, 'ratings.csv');
    // Saved by Excel on Chinese Windows: GBK, with a header and the branches by name.
    writeFileSync(file, iconv.encode('支部,评价\r\n局机关党支部,较好\r\n不存在的支部,好\r\n第一中学党支部,优秀\r\n', 'gbk'));
    const result = await runCli(['season', 'approve', seasonId, '--ratings', file, '--as', 'dangzu.shuji@bureau.example'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('评价文件 ratings.csv 有 2 处问题，未审批任何报告：');
    expect(result.stderr).toContain(`ratings.csv:3: 支部/branch: 述职季度 ${seasonId} 中没有支部“不存在的支部”`);
    expect(result.stderr).toContain('ratings.csv:4: 评价/rating: “优秀”不是评价等次');
    writeFileSync(file, 'branch,rating\nbureau-office,"较好\nno1-middle-school,好\n');
    const unclosed = await runCli(['season', 'approve', seasonId, '--ratings', file, '--as', 'dangzu.shuji@bureau.example'], { ...env, ...en });
    expect(unclosed.stderr).toContain('ratings.csv:2: a quote is unpaired or misplaced');
  });
});
