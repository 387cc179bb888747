// The boundaries the codebase relies on, checked by the tools that enforce them.
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/env';

describe('architecture', () => {
  test('the generated Prisma schemas match prisma/models.prisma', () => {
    expect(() =>
      execFileSync(process.execPath, ['prisma/sync-schemas.mjs', '--check'], { cwd: PROJECT_ROOT, stdio: 'pipe' }),
    ).not.toThrow();
  });

  test('lint refuses I/O imports in workflows and accepts activities as types', async () => {
    const probe = join(PROJECT_ROOT, 'workflows', '__lint_probe__.ts');
    writeFileSync(
      probe,
      [
        "import { readFileSync } from 'node:fs';",
        "import nodemailer from 'nodemailer';",
        "import { openDb } from '../db/client';",
        "import { createActivities } from '../activities';",
        "import type { Activities } from '../activities';",
        'export const probe = [readFileSync, nodemailer, openDb, createActivities] as unknown as Activities;',
        '',
      ].join('\n'),
    );
    try {
      // ESLint loads its config with a dynamic import, which jest's VM cannot do: run the CLI.
      const output = spawnSync(process.execPath, ['node_modules/eslint/bin/eslint.js', '--format', 'json', probe], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
      }).stdout;
      const [result] = JSON.parse(output) as { messages: { ruleId: string; line: number }[] }[];
      const restricted = result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports');
      expect(restricted.map((m) => m.line)).toEqual([1, 2, 3, 4]);
    } finally {
      rmSync(probe, { force: true });
    }
  });
});
