// Nothing half-written: a `season create` that is refused, whether the file fails validation or the
// import fails on the way in, leaves every table of the database exactly as it was.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeason } from '../../app/season-commands';
import { loadSeasonFile } from '../../app/season-file-loader';
import type { AuditKey } from '../../config/audit-key';
import { ClosedSeasonError, importSeason } from '../../db/season-import';
import { TEST_AUDIT_KEY, TEST_SECRET } from '../helpers/audit-key';
import { runCli } from '../helpers/cli';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { DEMO_SEASON_FILE } from '../helpers/seasons';

const DAY = 86_400_000;
const ADMIN = { email: 'zuzhi@bureau.example', channel: 'system' as const };

/** The demo season under another id, due in a month, with the edits given. */
function seasonText(id: string, edits: [string, string][] = []): string {
  const due = new Date(Date.now() + 30 * DAY);
  let text = readFileSync(DEMO_SEASON_FILE, 'utf8')
    .replace('id: demo-2026', `id: ${id}`)
    .replace('year: 2026', `year: ${due.getUTCFullYear()}`)
    .replace('dueDate: 2026-12-31', `dueDate: ${due.toISOString().slice(0, 10)}`);
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`the demo season file has no ${from}`);
    text = text.replace(from, to);
  }
  return text;
}

/** A file that would rename a person and a branch and add a branch: a half-written import would show. */
const CHANGES: [string, string][] = [
  ['name: 周书记（第一中学）', 'name: 周校长（第一中学）'],
  ['name: 局机关党支部', 'name: 局机关第一党支部'],
  [
    '    - id: experimental-primary',
    '    - id: new-school\n      name: 新建学校党支部\n      secretary: shuji.shixiao@school.example\n    - id: experimental-primary',
  ],
];

describeEachDatabase('a refused season create leaves the database as it was', (kind) => {
  let scratch: ScratchDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-refused-'));
  const fileOf = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  /** Every row of every table, and how many each holds, in an order that does not depend on the database. */
  async function everyRow(): Promise<{ counts: Record<string, number>; rows: Record<string, string[]> }> {
    const tables =
      scratch.provider === 'sqlite'
        ? await scratch.db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        : await scratch.db.$queryRawUnsafe<{ name: string }[]>(
            "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
          );
    const counts: Record<string, number> = {};
    const rows: Record<string, string[]> = {};
    for (const { name } of tables) {
      const all = await scratch.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name}"`);
      counts[name] = all.length;
      rows[name] = all.map((row) => JSON.stringify(row, (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value))).sort();
    }
    return { counts, rows };
  }

  beforeAll(async () => {
    scratch = await kind.create();
    // A database in use: one season imported, another imported and closed.
    await importSeason(scratch.db, loadSeasonFile(fileOf('running.yaml', seasonText('running'))), ADMIN, TEST_AUDIT_KEY);
    await importSeason(scratch.db, loadSeasonFile(fileOf('closed.yaml', seasonText('closed'))), ADMIN, TEST_AUDIT_KEY);
    await scratch.db.season.update({ where: { id: 'closed' }, data: { status: 'closed', closedAt: new Date() } });
  });
  afterAll(() => scratch?.drop());

  test('every table holds rows to count before anything is refused', async () => {
    const { counts } = await everyRow();
    expect(counts).toMatchObject({ Season: 2, Person: 7, AuditEvent: 2 });
  });

  test('a file that fails validation is refused by the CLI before the database is touched', async () => {
    const before = await everyRow();
    const file = fileOf('invalid.yaml', seasonText('running', [...CHANGES, ['digestEvery: 7d', 'digestEvery: 0s']]));
    const result = await runCli(['season', 'create', '--file', file], { DATABASE_URL: scratch.url, SHUZHI_SECRET: TEST_SECRET, SHUZHI_LOCALE: 'en' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('schedule.digestEvery: the interval of the repeated overdue notice must be longer than 0 (this says 0s)');
    expect(await everyRow()).toEqual(before);
  });

  test('a valid file for a closed season is refused, and the closed season keeps its names', async () => {
    const before = await everyRow();
    const file = fileOf('closed-again.yaml', seasonText('closed', CHANGES));
    const result = await runCli(['season', 'create', '--file', file], { DATABASE_URL: scratch.url, SHUZHI_SECRET: TEST_SECRET, SHUZHI_LOCALE: 'en' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Season closed is closed and cannot be changed');
    await expect(createSeason(scratch.db, loadSeasonFile(file), { channel: 'cli' }, TEST_AUDIT_KEY)).rejects.toThrow(ClosedSeasonError);
    expect(await everyRow()).toEqual(before);
  });

  test('an import that fails at its last step, after every person, branch and role was written, leaves none of them', async () => {
    const before = await everyRow();
    let reachedTheRecord = 0;
    // The record's append is the import's last write: failing there undoes everything before it.
    const failingKey: AuditKey = {
      id: TEST_AUDIT_KEY.id,
      mac: () => {
        reachedTheRecord++;
        throw new Error('the record cannot be written');
      },
    };
    const file = loadSeasonFile(fileOf('late-failure.yaml', seasonText('running', CHANGES)));
    await expect(createSeason(scratch.db, file, { channel: 'cli' }, failingKey)).rejects.toThrow('the record cannot be written');
    expect(reachedTheRecord).toBe(1);
    expect(await everyRow()).toEqual(before);
  });
});
