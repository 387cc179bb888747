// The boundaries the codebase relies on, checked by the tools that enforce them.
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/env';
import { at } from '../helpers/at';

describe('architecture', () => {
  test('the generated Prisma schemas match prisma/models.prisma', () => {
    expect(() => execFileSync(process.execPath, ['prisma/sync-schemas.mjs', '--check'], { cwd: PROJECT_ROOT, stdio: 'pipe' })).not.toThrow();
  });

  test('lint refuses I/O imports in workflows, and activities even as types (their contract is in domain/)', () => {
    const messages = lintWorkflowProbe([
      "import { readFileSync } from 'node:fs';",
      "import nodemailer from 'nodemailer';",
      "import { openDb } from '../db/client';",
      "import { createActivities } from '../activities';",
      "import type { Activities } from '../activities';",
      'export const probe = [readFileSync, nodemailer, openDb, createActivities] as unknown as Activities;',
    ]);
    const restricted = messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
    expect([...new Set(restricted.map((m) => m.line))]).toEqual([1, 2, 3, 4, 5]);
  });

  test('lint refuses state at module level in workflows, which every workflow shares', () => {
    const messages = lintWorkflowProbe([
      'let count = 0;',
      'export let last = 0;',
      'const seen = new Set<string>();',
      'export const byId = new Map<string, number>();',
      'const LIMIT = 3;',
      'export function probe(id: string): number {',
      '  let local = LIMIT;',
      '  const mine = new Map<string, number>();',
      '  seen.add(id);',
      '  local += count + last + byId.size + mine.size;',
      '  return local;',
      '}',
    ]);
    const restricted = messages.filter((m) => m.ruleId === 'no-restricted-syntax');
    expect(restricted.map((m) => m.line)).toEqual([1, 2, 3, 4]);
  });

  test('lint refuses an import up the layers: the domain reaches nothing, activities reach workflows as types only', () => {
    const inDomain = lintWorkflowProbe(
      ["import { openDb } from '../db/client';", "import { closeSeason } from '../app/season-commands';", 'export const probe = [openDb, closeSeason];'],
      'domain',
    );
    expect([...new Set(inDomain.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.line))]).toEqual([1, 2]);
    const inActivities = lintWorkflowProbe(
      [
        "import { closeSeason } from '../app/season-commands';",
        "import { branchReportWorkflow } from '../workflows/branch-report';",
        "import type { BranchReportInput } from '../workflows/report-state';",
        "import { openDb } from '../db/client';",
        'export const probe = [closeSeason, branchReportWorkflow, openDb] as unknown as BranchReportInput;',
      ],
      'activities',
    );
    expect(inActivities.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.line)).toEqual([1, 2]);
    const inWeb = lintWorkflowProbe(
      [
        "import { registerCli } from '../client/cli';",
        "import { bulkApprove } from '../app/bulk-approve';",
        'export const probe = [registerCli, bulkApprove];',
      ],
      'web',
    );
    expect(inWeb.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.line)).toEqual([1]);
  });

  test('lint keeps raw SQL in db/', () => {
    const lines = ["export const count = (db: { $queryRawUnsafe(sql: string): Promise<unknown> }) => db.$queryRawUnsafe('SELECT 1');"];
    expect(
      lintWorkflowProbe(lines, 'web')
        .filter((m) => m.ruleId === 'no-restricted-syntax')
        .map((m) => m.line),
    ).toEqual([1]);
    expect(lintWorkflowProbe(lines, 'db').filter((m) => m.ruleId === 'no-restricted-syntax')).toEqual([]);
  });
});

/** ESLint's messages for a file of these lines placed in `folder` (workflows/ unless said). */
function lintWorkflowProbe(lines: string[], folder = 'workflows'): { ruleId: string; line: number }[] {
  const probe = join(PROJECT_ROOT, folder, '__lint_probe__.ts');
  writeFileSync(probe, [...lines, ''].join('\n'));
  try {
    // ESLint loads its config with a dynamic import, which jest's VM cannot do: run the CLI.
    const output = spawnSync(process.execPath, ['node_modules/eslint/bin/eslint.js', '--format', 'json', probe], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    }).stdout;
    return at(JSON.parse(output) as { messages: { ruleId: string; line: number }[] }[], 0, 'eslint result').messages;
  } finally {
    rmSync(probe, { force: true });
  }
}
