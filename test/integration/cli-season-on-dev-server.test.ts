// The real path, end to end: the CLI creates and starts a season, the worker runs the workflows
// on the Temporal dev server, activities write the database and the mail reaches SMTP.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CaptureServer } from '../../mail/capture-server';
import { SEARCH_ATTRIBUTES } from '../../domain/constants';
import { seasonWorkflowId } from '../../domain/ids';
import { runCli } from '../helpers/cli';
import { startCliStack, type CliStack } from '../helpers/cli-stack';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { GOOD_REPORT } from '../helpers/report-harness';
import { waitUntil } from '../helpers/wait';

describeEachDatabase('a season started from the CLI on the dev server', (kind) => {
  let stack: CliStack;
  let env: TestWorkflowEnvironment;
  let smtp: CaptureServer;
  let scratch: ScratchDatabase;
  let cliEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    stack = await startCliStack(kind);
    ({ env, smtp, scratch, cliEnv } = stack);
  });
  /** Runs a command that must succeed. */
  const ok = async (...args: string[]) => {
    const result = await runCli(args, cliEnv);
    expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: expect.any(String) });
    return result.stdout;
  };
  const outcomes = (json: string) => (JSON.parse(json) as { reportId: string; outcome: string }[]).map((r) => [r.reportId, r.outcome]);

  afterAll(() => stack?.stop());

  test('season create imports the file and says what to do next', async () => {
    const result = await runCli(['season', 'create', '--file', DEMO_SEASON_FILE], cliEnv);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Created season demo-2026: 3 branches, 7 people. Next: shuzhi season start demo-2026');
    expect(await scratch.db.organization.count()).toBe(4);
  });

  test('season start runs one report workflow per branch and every secretary gets the assignment mail', async () => {
    const result = await runCli(['season', 'start', 'demo-2026', '--wait', '--json'], cliEnv);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ alreadyStarted: false, summary: { started: 3, alreadyRunning: 0 } });

    await waitUntil(() => smtp.mailbox.list().length >= 3);

    const recipients = smtp.mailbox
      .list()
      .flatMap((mail) => mail.to)
      .sort();
    expect(recipients).toEqual(['shuji.jiguan@bureau.example', 'shuji.shixiao@school.example', 'shuji.yizhong@school.example']);
    const events = await scratch.db.auditEvent.findMany({ where: { seasonId: 'demo-2026' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.action, e.channel])).toEqual([
      ['season.created', 'cli'],
      ['season.started', 'cli'],
      ['report.assigned', 'workflow'],
      ['report.assigned', 'workflow'],
      ['report.assigned', 'workflow'],
    ]);
  });

  test('the season workflow carries its search attribute', async () => {
    const description = await env.client.workflow.getHandle(seasonWorkflowId('demo-2026')).describe();
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.seasonId)).toBe('demo-2026');
  });

  test('starting it again is harmless and says so', async () => {
    const result = await runCli(['season', 'start', 'demo-2026'], cliEnv);
    expect(result.stdout).toContain('Season demo-2026 was already started');
    expect(smtp.mailbox.list()).toHaveLength(3);
  });

  test('season status and audit read the record back', async () => {
    const status = JSON.parse((await runCli(['season', 'status', 'demo-2026', '--json'], cliEnv)).stdout);
    expect(status).toMatchObject({ status: 'running', branches: 3, reportsByState: { assigned: 3 }, mailsSent: 3, overdue: [], reviewsPastSla: [] });
    const audit = JSON.parse((await runCli(['audit', 'demo-2026', '--json'], cliEnv)).stdout) as { action: string }[];
    expect(audit).toHaveLength(5);
    const verified = await runCli(['audit', 'verify', 'demo-2026', '--json'], cliEnv);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, events: 5, chains: 4, witnessed: 3 });
    // Not a verdict: nothing named, or nothing there to check (exit 2, never 0 or 1).
    expect((await runCli(['audit', 'verify'], cliEnv)).code).toBe(2);
    expect((await runCli(['audit', 'verify', 'nosuch-season'], cliEnv)).code).toBe(2);
    const csv = (await runCli(['audit', 'demo-2026', '--branch', 'bureau-office', '--csv'], cliEnv)).stdout;
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2); // header and the assignment
  });

  test("a report shows its times in the season's zone, each labelled", async () => {
    const report = join(smtp.mailbox.dir, '..', 'report.md');
    writeFileSync(report, GOOD_REPORT);
    const submitted = await runCli(['report', 'submit', 'demo-2026/bureau-office', '--file', report, '--as', 'shuji.jiguan@bureau.example'], cliEnv);
    expect(submitted.code).toBe(0);
    const shown = await runCli(['report', 'show', 'demo-2026/bureau-office'], cliEnv);
    expect(shown.stdout).toMatch(/^demo-2026\/bureau-office: submitted; due \d{4}-\d\d-\d\d 23:59 \(Asia\/Shanghai\)/);
    expect(shown.stdout).toMatch(/\n {2}v1 submission by shuji\.jiguan@bureau\.example at \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Shanghai\)\n/);
    expect(shown.stdout).not.toMatch(/\d\dZ/);
  });

  test('bulk approval is for leadership only: anyone else is not permitted, for every report, whatever its state', async () => {
    // The reviewer is not leadership: bulk approval must not pass the review in their name either.
    const reviewer = await runCli(
      ['season', 'approve', 'demo-2026', '--branch', 'bureau-office', '--rating', '好', '--as', 'zuzhi@bureau.example', '--json'],
      cliEnv,
    );
    expect({ code: reviewer.code, outcomes: outcomes(reviewer.stdout) }).toEqual({ code: 1, outcomes: [['demo-2026/bureau-office', 'not_permitted']] });
    expect((await scratch.db.report.findUniqueOrThrow({ where: { id: 'demo-2026/bureau-office' } })).state).toBe('submitted');
    // With nothing reviewed yet there is nothing to list, and still a refusal, not an empty success.
    const nothing = await runCli(['season', 'approve', 'demo-2026', '--rating', '好', '--as', 'weiyuan.zhao@bureau.example'], cliEnv);
    expect({ code: nothing.code, stderr: nothing.stderr }).toEqual({
      code: 1,
      stderr: expect.stringContaining('weiyuan.zhao@bureau.example is not in the leadership'),
    });
  });

  test('bulk approval approves what it may, says why it did not approve the rest, and exits 1 unless all are approved', async () => {
    const report = join(smtp.mailbox.dir, '..', 'report.md');
    await ok('report', 'review', 'demo-2026/bureau-office', '--approve', '--as', 'zuzhi@bureau.example');
    await ok('report', 'submit', 'demo-2026/no1-middle-school', '--file', report, '--as', 'shuji.yizhong@school.example');
    await ok('report', 'review', 'demo-2026/no1-middle-school', '--approve', '--as', 'zuzhi@bureau.example');

    // Someone who may approve none of them hears it, in words, from the exit code too.
    const notLeader = await runCli(['season', 'approve', 'demo-2026', '--rating', '好', '--as', 'weiyuan.zhao@bureau.example'], cliEnv);
    expect(notLeader.code).toBe(1);
    expect(notLeader.stdout).toContain('demo-2026/bureau-office: not permitted — weiyuan.zhao@bureau.example is not in the leadership of season demo-2026');
    expect(notLeader.stdout).toContain('2 report(s): approved 0, skipped 0, not permitted 2, failed 0');

    // One approved, one not written yet: a partial result, said and exited as such.
    const partial = await runCli(
      ['season', 'approve', 'demo-2026', '--branch', 'bureau-office', 'experimental-primary', '--rating', '较好', '--as', 'dangzu.shuji@bureau.example'],
      cliEnv,
    );
    expect(partial.code).toBe(1);
    expect(partial.stdout).toContain('demo-2026/bureau-office: approved');
    expect(partial.stdout).toMatch(/demo-2026\/experimental-primary: skipped — /);
    expect(partial.stdout).toContain('Not all done: 1 report(s) were not (see why above); exit code 1.');

    // The meeting's ratings from Excel (GBK, branches by name); one of them is approved already.
    const ratings = join(smtp.mailbox.dir, '..', 'ratings.csv');
    writeFileSync(ratings, iconv.encode('支部,评价\r\n局机关党支部,较好\r\n第一中学党支部,较好\r\n', 'gbk'));
    const fromFile = await runCli(['season', 'approve', 'demo-2026', '--ratings', ratings, '--as', 'dangzu.shuji@bureau.example', '--json'], cliEnv);
    expect({ code: fromFile.code, outcomes: outcomes(fromFile.stdout) }).toEqual({
      code: 0,
      outcomes: [
        ['demo-2026/bureau-office', 'skipped'],
        ['demo-2026/no1-middle-school', 'approved'],
      ],
    });
    expect(fromFile.stderr).toContain('ratings.csv was read as GB18030');

    // A re-run is safe, in the older spelling too; and a non-leader hears "not permitted", not "skipped".
    const again = await runCli(
      ['approve', 'demo-2026', '--branch', 'bureau-office', 'no1-middle-school', '--rating', '好', '--as', 'dangzu.shuji@bureau.example'],
      cliEnv,
    );
    expect({ code: again.code, stdout: again.stdout }).toEqual({ code: 0, stdout: expect.stringContaining('(2 of them approved already)') });
    const lateNonLeader = await runCli(
      ['season', 'approve', 'demo-2026', '--branch', 'bureau-office', '--rating', '好', '--as', 'weiyuan.qian@bureau.example', '--json'],
      cliEnv,
    );
    expect({ code: lateNonLeader.code, outcomes: outcomes(lateNonLeader.stdout) }).toEqual({
      code: 1,
      outcomes: [['demo-2026/bureau-office', 'not_permitted']],
    });

    const approvals = await scratch.db.auditEvent.findMany({ where: { seasonId: 'demo-2026', action: 'report.approved' }, orderBy: { reportId: 'asc' } });
    expect(approvals.map((e) => [e.reportId, e.actorEmail, e.channel])).toEqual([
      ['demo-2026/bureau-office', 'dangzu.shuji@bureau.example', 'cli'],
      ['demo-2026/no1-middle-school', 'dangzu.shuji@bureau.example', 'cli'],
    ]);
    const rated = await scratch.db.report.findMany({ where: { seasonId: 'demo-2026', state: 'approved' }, orderBy: { branchId: 'asc' } });
    expect(rated.map((r) => r.rating)).toEqual(['较好', '较好']);
  });

  test('season close settles every report and writes the summary that status shows', async () => {
    const closed = await runCli(['season', 'close', 'demo-2026', '--as', 'zuzhi@bureau.example', '--wait', '--json'], cliEnv);
    expect(closed.code).toBe(0);
    expect(JSON.parse(closed.stdout)).toMatchObject({
      branches: 3,
      byState: { approved: 2, closed: 1 },
      submitted: { onTime: 2, late: 0, never: 1 },
      ratings: { 较好: 2 },
      figures: { probationaryMembersRecruited: 4, duesCollectedYuan: 6000 },
    });
    const status = JSON.parse((await runCli(['season', 'status', 'demo-2026', '--json'], cliEnv)).stdout);
    expect(status).toMatchObject({ status: 'closed', reportsByState: { approved: 2, closed: 1 }, summary: { branches: 3 } });
    // The record's head at close is the one verify prints, for as long as nobody changes the record.
    const head = (JSON.parse(closed.stdout) as { recordHead: string }).recordHead;
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    const verified = await runCli(['audit', 'verify', 'demo-2026', '--json'], cliEnv);
    expect({ code: verified.code, head: (JSON.parse(verified.stdout) as { headHash: string }).headHash }).toEqual({ code: 0, head });
    // Extending a closed season is refused, not reported as "0 extended".
    const extend = await runCli(['season', 'extend', 'demo-2026', '--until', '2027-03-31', '--as', 'zuzhi@bureau.example'], cliEnv);
    expect({ code: extend.code, stderr: extend.stderr }).toEqual({
      code: 1,
      stderr: expect.stringContaining('The season has closed: its due date cannot be extended'),
    });
  });

  test('the season exports as CSV, Markdown and an official-style Word document', async () => {
    const dir = join(smtp.mailbox.dir, '..');
    for (const [format, ...more] of [['csv', '--columns', 'en'], ['md'], ['docx']]) {
      const result = await runCli(['season', 'export', 'demo-2026', '--format', format ?? '', '--out', join(dir, `season.${format}`), ...more], cliEnv);
      expect(result.code).toBe(0);
    }
    const rows = parseCsv(readFileSync(join(dir, 'season.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.branch_id, r.state, r.outcome, r.rating, r.on_time])).toEqual([
      ['bureau-office', 'approved', 'approved', '较好', 'yes'],
      ['experimental-primary', 'closed', 'closed_unsubmitted', '', ''],
      ['no1-middle-school', 'approved', 'approved', '较好', 'yes'],
    ]);

    const markdown = readFileSync(join(dir, 'season.md'), 'utf8');
    expect(markdown.match(/^## .*$/gm)).toEqual(['## 目录', '## 局机关党支部', '## 第一中学党支部']);
    expect(markdown).toContain('### 一、主要工作');

    const docx = readFileSync(join(dir, 'season.docx'));
    const html = (await mammoth.convertToHtml({ buffer: docx })).value;
    const headings = (level: number) => [...html.matchAll(new RegExp(`<h${level}>(?:<a id="[^"]*"></a>)?([^<]*)</h${level}>`, 'g'))].map((m) => m[1]);
    expect(headings(1)).toEqual(['局机关党支部', '第一中学党支部', '本台账校验值']);
    expect(headings(2)).toEqual(Array(2).fill(['一、主要工作', '二、存在的主要问题及原因', '三、下步工作思路和主要措施']).flat());
    expect(html).toContain('述职报告汇编');
    const closedSummary = await scratch.db.season.findUniqueOrThrow({ where: { id: 'demo-2026' } });
    expect(html).toContain((JSON.parse(closedSummary.summaryJson ?? '{}') as { recordHead: string }).recordHead); // on the last page
    const documentXml = await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string');
    expect(documentXml).toContain('w:anchor="_Toc2"'); // the 目录, linked to each report
    expect(documentXml).toContain('PAGEREF _Toc2');
  });
});
