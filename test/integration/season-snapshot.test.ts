// A season is a snapshot: importing next year's file, which renames a branch and a person, leaves a
// closed season's exports, lists, pages and mail greetings with the names it had; a closed season
// cannot be imported again; and seasons recorded before snapshots existed get theirs from the
// migration that added them.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { Client as PgClient } from 'pg';
import { loadBranchPage } from '../../activities/season-activities';
import { loadSeasonFile } from '../../app/season-file-loader';
import { seasonStatus } from '../../app/season-commands';
import { openDb } from '../../db/client';
import { contentHashOf, storeContent } from '../../db/report-content';
import { recipientOf } from '../../db/mail-log';
import { committedMigrations, migrateDatabase } from '../../db/migrate';
import type { DatabaseProvider } from '../../db/provider';
import { ClosedSeasonError, importSeason } from '../../db/season-import';
import { branchPage } from '../../db/season-lists';
import { seasonCsv } from '../../exports/csv-export';
import { seasonMarkdown } from '../../exports/markdown-export';
import { loadSeasonExportData } from '../../exports/season-data';
import { visibleReports } from '../../web/access';
import { loadReportView } from '../../web/report-view';
import { TEST_AUDIT_KEY as AUDIT_KEY, TEST_SECRET as SECRET } from '../helpers/audit-key';
import { runCli } from '../helpers/cli';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { DEMO_SEASON_FILE } from '../helpers/seasons';
import { testTools } from '../helpers/tools';

const ADMIN = { email: 'zuzhi@bureau.example', channel: 'system' as const };
const OLD_BRANCH = '第一中学党支部';
const NEW_BRANCH = '第一中学党委';
const SECRETARY = 'shuji.yizhong@school.example';
const OLD_PERSON = '周书记（第一中学）';
const NEW_PERSON = '周校长（第一中学）';
const A = 'snapshot-2026';
const B = 'snapshot-2027';
const DAY = 86_400_000;

/** The demo season file under another id, with a due date ahead (and the year it falls in) and the edits given. */
function seasonFileText(id: string, edits: [string, string][] = []): string {
  const due = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
  let text = readFileSync(DEMO_SEASON_FILE, 'utf8')
    .replace('id: demo-2026', `id: ${id}`)
    .replace('dueDate: 2026-12-31', `dueDate: ${due}`)
    .replace('year: 2026', `year: ${due.slice(0, 4)}`);
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`the demo season file has no ${from}`);
    text = text.replaceAll(from, to);
  }
  return text;
}

const NEXT_YEAR: [string, string][] = [
  ['2026年度', '2027年度'],
  [`name: ${OLD_BRANCH}`, `name: ${NEW_BRANCH}`],
  [`name: ${OLD_PERSON}`, `name: ${NEW_PERSON}`],
];

describeEachDatabase('a season is a snapshot', (kind) => {
  let scratch: ScratchDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-snapshot-'));
  const fileOf = (name: string, text: string) => {
    const path = join(dir, `${name}.yaml`);
    writeFileSync(path, text);
    return path;
  };
  const fileA = fileOf(A, seasonFileText(A));
  const fileB = fileOf(B, seasonFileText(B, NEXT_YEAR));

  /** Three reports: the middle school's approved with its text, the office's overdue, one in review. */
  async function addReports(seasonId: string, title: string) {
    const db = scratch.db;
    const report = (branchId: string, state: string, extra: object = {}) => ({
      id: `${seasonId}/${branchId}`,
      seasonId,
      branchId,
      workflowId: `report/${seasonId}/${branchId}`,
      secretaryEmail: `${branchId}@example`,
      dueAt: new Date(Date.now() + 10 * DAY),
      state,
      ...extra,
    });
    await db.report.createMany({
      data: [
        report('no1-middle-school', 'approved', { secretaryEmail: SECRETARY, rating: '好', approvedAt: new Date(), currentVersion: 1 }),
        report('bureau-office', 'drafting', { dueAt: new Date(Date.now() - 2 * DAY) }),
        report('experimental-primary', 'submitted'),
      ],
    });
    const body = `# ${title}\n\n一、主要工作\n\n抓党建。\n\n二、存在的主要问题及原因\n\n不足。\n\n三、下步工作思路和主要措施\n\n改进。`;
    const contentHash = contentHashOf(body);
    await storeContent(db, contentHash, body);
    await db.reportVersion.create({
      data: { reportId: `${seasonId}/no1-middle-school`, number: 1, kind: 'submission', authorEmail: SECRETARY, contentHash },
    });
  }

  beforeAll(async () => {
    scratch = await kind.create();
    await importSeason(scratch.db, loadSeasonFile(fileA), ADMIN, AUDIT_KEY);
    await addReports(A, '第一中学党支部2026年度述职报告');
    await scratch.db.season.update({ where: { id: A }, data: { status: 'closed', closedAt: new Date() } });
    await importSeason(scratch.db, loadSeasonFile(fileB), ADMIN, AUDIT_KEY);
    await addReports(B, '第一中学党委2027年度述职报告');
  });
  afterAll(async () => {
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("the closed season's export data, CSV and Markdown keep the branch and people's names it had", async () => {
    const a = await loadSeasonExportData(scratch.db, A);
    expect(a.rows.find((r) => r.branchId === 'no1-middle-school')?.branchName).toBe(OLD_BRANCH);
    expect(a.approved.map((r) => r.branchName)).toEqual([OLD_BRANCH]);
    expect(seasonCsv(a)).toContain(`no1-middle-school,${OLD_BRANCH},${OLD_PERSON},`);
    expect(seasonMarkdown(a)).toContain(`## ${OLD_BRANCH}\n\n> 书记：${OLD_PERSON} ·`);
    for (const text of [seasonCsv(a), seasonMarkdown(a)]) expect(text).not.toContain(NEW_BRANCH);

    const b = await loadSeasonExportData(scratch.db, B);
    expect(b.approved.map((r) => r.branchName)).toEqual([NEW_BRANCH]);
    expect(seasonCsv(b)).toContain(`no1-middle-school,${NEW_BRANCH},${NEW_PERSON},`);
    expect(seasonMarkdown(b)).toContain(`## ${NEW_BRANCH}\n\n> 书记：${NEW_PERSON} ·`);
  });

  test("each season's lists (status, dashboard page) show its own names", async () => {
    const names = async (seasonId: string) => ({
      overdue: (await seasonStatus(scratch.db, seasonId)).overdue.map((r) => r.branchName),
      page: (await branchPage(scratch.db, seasonId, 0, 10)).map((r) => r.branchName),
    });
    expect(await names(A)).toEqual({ overdue: ['局机关党支部'], page: ['局机关党支部', '实验小学党支部', OLD_BRANCH] });
    expect(await names(B)).toEqual({ overdue: ['局机关党支部'], page: ['局机关党支部', '实验小学党支部', NEW_BRANCH] });
  });

  test("the report page, the season's fan-out and a leader's reach read the season's own branches", async () => {
    expect((await loadReportView(scratch.db, `${A}/no1-middle-school`))?.report.seasonBranch.name).toBe(OLD_BRANCH);
    expect((await loadReportView(scratch.db, `${B}/no1-middle-school`))?.report.seasonBranch.name).toBe(NEW_BRANCH);
    const page = await loadBranchPage(scratch.db, { seasonId: A, limit: 10 });
    expect(page.branches.find((b) => b.id === 'no1-middle-school')?.name).toBe(OLD_BRANCH);
    const leader = { email: 'dangzu.shuji@bureau.example', adminSeasons: [], subtrees: [{ seasonId: A, path: '/edu-bureau/' }], standsIn: [] };
    expect(await scratch.db.report.count({ where: visibleReports(leader) })).toBe(3);
  });

  test('mail greets a person by the name the mail’s season knew them by', async () => {
    expect((await recipientOf(scratch.db, SECRETARY, A))?.name).toBe(OLD_PERSON);
    expect((await recipientOf(scratch.db, SECRETARY, B))?.name).toBe(NEW_PERSON);
    expect((await recipientOf(scratch.db, SECRETARY))?.name).toBe(NEW_PERSON);
    expect(await recipientOf(scratch.db, 'nobody@example', A)).toBeNull();
  });

  /** Everything an import writes, to compare before and after. */
  const everything = async () => ({
    seasons: await scratch.db.season.findMany({ orderBy: { id: 'asc' } }),
    branches: await scratch.db.seasonBranch.findMany({ orderBy: [{ seasonId: 'asc' }, { branchId: 'asc' }] }),
    organizations: await scratch.db.organization.findMany({ orderBy: { id: 'asc' } }),
    people: await scratch.db.person.findMany({ orderBy: { email: 'asc' } }),
    roles: await scratch.db.roleAssignment.findMany({ orderBy: { key: 'asc' } }),
    events: await scratch.db.auditEvent.count(),
  });

  test('importing the closed season again is refused, naming the season, and changes nothing', async () => {
    const before = await everything();
    const renamed = loadSeasonFile(
      fileOf(
        `${A}-renamed`,
        seasonFileText(A, [
          [`name: ${OLD_BRANCH}`, 'name: 第一中学党总支'],
          [`name: ${OLD_PERSON}`, 'name: 周某'],
        ]),
      ),
    );
    const refused = importSeason(scratch.db, renamed, ADMIN, AUDIT_KEY);
    await expect(refused).rejects.toBeInstanceOf(ClosedSeasonError);
    await expect(refused).rejects.toThrow(`Season ${A} is closed and cannot be changed`);
    expect(new ClosedSeasonError(A).explain('zh-CN')).toContain(`述职季度 ${A} 已结束`);
    expect(await everything()).toEqual(before);
  });

  test('the CLI says so without a stack trace and exits 1', async () => {
    const env = { DATABASE_URL: scratch.url, SHUZHI_SECRET: SECRET };
    const before = await everything();
    const zh = await runCli(['season', 'create', '--file', fileA], env);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain(`述职季度 ${A} 已结束，不能再导入或修改`);
    expect(zh.stderr).not.toMatch(/^\s+at /m);
    const en = await runCli(['season', 'create', '--file', fileA], { ...env, SHUZHI_LOCALE: 'en' });
    expect(en.code).toBe(1);
    expect(en.stderr.trim()).toBe(`Error: Season ${A} is closed and cannot be changed: import the file under a new season id.`);
    expect(await everything()).toEqual(before);
  });

  test("re-importing a running season is allowed, recorded as season.updated, and changes only that season's snapshot", async () => {
    await scratch.db.season.update({ where: { id: B }, data: { status: 'running' } });
    const again = loadSeasonFile(fileOf(`${B}-again`, seasonFileText(B, [...NEXT_YEAR, [`name: ${NEW_BRANCH}`, 'name: 第一中学党委（新）']])));
    const result = await importSeason(scratch.db, again, ADMIN, AUDIT_KEY);
    expect(result.created).toBe(false);
    const updated = await scratch.db.auditEvent.findMany({ where: { seasonId: B, action: 'season.updated' } });
    expect(updated).toHaveLength(1);
    const name = async (seasonId: string) =>
      (await scratch.db.seasonBranch.findUniqueOrThrow({ where: { seasonId_branchId: { seasonId, branchId: 'no1-middle-school' } } })).name;
    expect(await name(B)).toBe('第一中学党委（新）');
    expect(await name(A)).toBe(OLD_BRANCH);
    expect((await loadSeasonExportData(scratch.db, A)).approved.map((r) => r.branchName)).toEqual([OLD_BRANCH]);
  });
});

// Seasons recorded before snapshots existed: the migration that adds them takes each season's
// branch names and each role's person name as they are at that moment.
const SNAPSHOT_MIGRATION = '20261202000000_record_guarantees';

/** A database with every migration before SNAPSHOT_MIGRATION applied, and a way to run SQL on it. */
async function databaseBeforeSnapshots(provider: DatabaseProvider) {
  let url: string;
  let run: (sql: string) => Promise<void>;
  let close: () => Promise<void>;
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shuzhi-premigration-'));
    url = `file:${join(dir, 'shuzhi.db')}`;
    const client = createClient({ url });
    run = async (sql) => void (await client.executeMultiple(sql));
    close = async () => {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const tools = testTools().postgres;
    if (!tools?.available) throw new Error('PostgreSQL unavailable');
    const name = `shuzhi_premigration_${process.pid}_${Date.now()}`;
    const admin = new PgClient({ connectionString: tools.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    url = tools.url.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
    const client = new PgClient({ connectionString: url });
    await client.connect();
    run = async (sql) => void (await client.query(sql));
    close = async () => {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  // The bookkeeping db/migrate.ts keeps, so that it applies only what is still missing.
  await run(`CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL,
    "finished_at" ${provider === 'sqlite' ? 'DATETIME' : 'TIMESTAMPTZ'}, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT,
    "rolled_back_at" ${provider === 'sqlite' ? 'DATETIME' : 'TIMESTAMPTZ'},
    "started_at" ${provider === 'sqlite' ? 'DATETIME' : 'TIMESTAMPTZ'} NOT NULL DEFAULT CURRENT_TIMESTAMP, "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
  for (const migration of committedMigrations(provider).filter((m) => m.name < SNAPSHOT_MIGRATION)) {
    await run(migration.sql);
    await run(`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "finished_at", "applied_steps_count")
      VALUES ('${randomUUID()}', '${migration.checksum}', '${migration.name}', CURRENT_TIMESTAMP, 1)`);
  }
  return { url, run, close };
}

describeEachDatabase('snapshots of seasons recorded before them', (kind) => {
  test('the migration gives every season its branches as named then and every role its person’s name', async () => {
    const before = await databaseBeforeSnapshots(kind.provider);
    try {
      const at = `'2025-12-01 00:00:00'`;
      await before.run(`
        INSERT INTO "Person" ("id", "email", "name", "locale", "createdAt", "updatedAt") VALUES
          ('p-sec', 'sec@school.example', '周书记', 'zh-CN', ${at}, ${at}),
          ('p-lead', 'lead@bureau.example', '李书记', 'zh-CN', ${at}, ${at});
        INSERT INTO "Organization" ("id", "name", "kind", "parentId", "path", "createdAt", "updatedAt") VALUES
          ('edu', '教体局党组', 'party_group', NULL, '/edu/', ${at}, ${at}),
          ('no1', '第一中学党支部', 'branch', 'edu', '/edu/no1/', ${at}, ${at}),
          ('no2', '第二中学党支部', 'branch', 'edu', '/edu/no2/', ${at}, ${at});
        INSERT INTO "Season" ("id", "title", "year", "timeZone", "dueAt", "scheduleJson", "templateJson", "rootOrganizationId", "status", "createdAt", "updatedAt")
          VALUES ('old-2025', '2025年度述职评议', 2025, 'Asia/Shanghai', ${at}, '{}', '{}', 'edu', 'closed', ${at}, ${at});
        INSERT INTO "RoleAssignment" ("id", "key", "personId", "role", "organizationId", "seasonId", "validFrom") VALUES
          ('r1', 'old-2025:no1:secretary:sec@school.example', 'p-sec', 'secretary', 'no1', 'old-2025', ${at}),
          ('r2', 'old-2025:no2:secretary:sec@school.example', 'p-sec', 'secretary', 'no2', 'old-2025', ${at}),
          ('r3', 'old-2025:edu:leader:lead@bureau.example', 'p-lead', 'leader', 'edu', 'old-2025', ${at});
        INSERT INTO "Report" ("id", "seasonId", "branchId", "workflowId", "state", "secretaryEmail", "dueAt", "rating", "createdAt", "updatedAt")
          VALUES ('old-2025/no1', 'old-2025', 'no1', 'report/old-2025/no1', 'approved', 'sec@school.example', ${at}, '好', ${at}, ${at});
        INSERT INTO "ReportContent" ("hash", "body", "createdAt") VALUES ('${contentHashOf('初稿')}', '初稿', ${at});
        INSERT INTO "ReportVersion" ("id", "reportId", "number", "kind", "body", "contentHash", "authorEmail", "createdAt") VALUES
          ('v1', 'old-2025/no1', 1, 'draft', '初稿', '${contentHashOf('初稿')}', 'sec@school.example', ${at}),
          ('v2', 'old-2025/no1', 2, 'submission', '定稿', '${contentHashOf('定稿')}', 'sec@school.example', ${at}),
          ('v3', 'old-2025/no1', 3, 'submission', '更早的稿', NULL, 'sec@school.example', ${at});`);
      expect(await migrateDatabase(before.url)).toEqual([
        SNAPSHOT_MIGRATION,
        ...committedMigrations(kind.provider)
          .map((m) => m.name)
          .filter((n) => n > SNAPSHOT_MIGRATION),
      ]);

      const db = await openDb(before.url);
      try {
        expect(await db.seasonBranch.findMany({ orderBy: { branchId: 'asc' } })).toEqual([
          { seasonId: 'old-2025', branchId: 'no1', name: '第一中学党支部', path: '/edu/no1/' },
          { seasonId: 'old-2025', branchId: 'no2', name: '第二中学党支部', path: '/edu/no2/' },
        ]);
        expect((await db.roleAssignment.findMany({ orderBy: { id: 'asc' } })).map((r) => [r.id, r.personName])).toEqual([
          ['r1', '周书记'],
          ['r2', '周书记'],
          ['r3', '李书记'],
        ]);
        const report = await db.report.findUniqueOrThrow({ where: { id: 'old-2025/no1' }, include: { seasonBranch: true } });
        expect([report.state, report.rating, report.seasonBranch.name]).toEqual(['approved', '好', '第一中学党支部']);
        expect((await db.season.findUniqueOrThrow({ where: { id: 'old-2025' } })).leadersMayApproveUnreviewed).toBe(false);
        // Each version's text is kept once, in ReportContent; one saved before texts were hashed under a legacy key.
        const versions = await db.reportVersion.findMany({ orderBy: { number: 'asc' }, include: { content: true } });
        expect(versions.map((v) => [v.number, v.contentHash, v.content.body])).toEqual([
          [1, contentHashOf('初稿'), '初稿'],
          [2, contentHashOf('定稿'), '定稿'],
          [3, 'legacy:v3', '更早的稿'],
        ]);
        // From here on the old season keeps these names, whatever the organization is called.
        await db.organization.update({ where: { id: 'no1' }, data: { name: '第一中学党委' } });
        expect((await loadSeasonExportData(db, 'old-2025')).rows.map((r) => r.branchName)).toEqual(['第一中学党支部']);
      } finally {
        await db.$disconnect();
      }
    } finally {
      await before.close();
    }
  });
});
