// Scratch databases for tests: a fresh SQLite file, or a fresh PostgreSQL database when one is
// available. Each is migrated with the committed migrations, exactly as in production.
import type { DatabaseProvider } from '../../db/provider';
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from '../../db/scratch-database';
import { testTools } from './tools';

export type { ScratchDatabase };

export interface DatabaseKind {
  provider: DatabaseProvider;
  /** Why this database cannot be tested here, if it cannot. */
  unavailable?: string;
  create(): Promise<ScratchDatabase>;
}

export function databaseKinds(): DatabaseKind[] {
  const postgres = testTools().postgres;
  // The mutation run (jest.mutate.config.js) sets SHUZHI_TEST_DATABASES=sqlite: SQLite alone, for speed.
  const leftOut = process.env.SHUZHI_TEST_DATABASES === 'sqlite' ? 'SHUZHI_TEST_DATABASES=sqlite leaves it out' : undefined;
  return [
    { provider: 'sqlite', create: createScratchSqlite },
    postgres?.available && !leftOut
      ? { provider: 'postgresql', create: () => createScratchPostgres(postgres.url) }
      : {
          provider: 'postgresql',
          unavailable: leftOut ?? (postgres && !postgres.available ? postgres.reason : 'the test bootstrap did not look for PostgreSQL'),
          create: () => Promise.reject(new Error('PostgreSQL unavailable')),
        },
  ];
}

/**
 * `describe` once per database kind. A kind that cannot run here is reported as a skipped test
 * whose name says why, never silently passed.
 */
export function describeEachDatabase(name: string, body: (kind: DatabaseKind) => void): void {
  for (const kind of databaseKinds()) {
    if (kind.unavailable) {
      describe(`${name} [${kind.provider}]`, () => {
        test.skip(`NOT RUN: ${kind.unavailable}`, () => undefined);
      });
    } else {
      describe(`${name} [${kind.provider}]`, () => body(kind));
    }
  }
}
