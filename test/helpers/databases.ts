// Scratch databases for tests: a fresh SQLite file, or a fresh PostgreSQL database when one is
// available. Each is migrated with the committed migrations, exactly as in production.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { openDb, type Db } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import type { DatabaseProvider } from '../../db/provider';
import { testTools } from './tools';

export interface ScratchDatabase {
  provider: DatabaseProvider;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export interface DatabaseKind {
  provider: DatabaseProvider;
  /** Why this database cannot be tested here, if it cannot. */
  unavailable?: string;
  create(): Promise<ScratchDatabase>;
}

export function databaseKinds(): DatabaseKind[] {
  const postgres = testTools().postgres;
  return [
    { provider: 'sqlite', create: createSqlite },
    postgres?.available
      ? { provider: 'postgresql', create: () => createPostgres(postgres.url) }
      : {
          provider: 'postgresql',
          unavailable: postgres ? postgres.reason : 'the test bootstrap did not look for PostgreSQL',
          create: () => Promise.reject(new Error('PostgreSQL unavailable')),
        },
  ];
}

async function createSqlite(): Promise<ScratchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  await migrateDatabase(url);
  const db = await openDb(url);
  return {
    provider: 'sqlite',
    url,
    db,
    async drop() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(adminUrl: string): Promise<ScratchDatabase> {
  const name = `shuzhi_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await withPg(adminUrl, (pg) => pg.query(`CREATE DATABASE ${name}`));
  const url = adminUrl.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
  await migrateDatabase(url);
  const db = await openDb(url);
  return {
    provider: 'postgresql',
    url,
    db,
    async drop() {
      await db.$disconnect();
      await withPg(adminUrl, (pg) => pg.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withPg<T>(url: string, run: (pg: PgClient) => Promise<T>): Promise<T> {
  const pg = new PgClient({ connectionString: url });
  await pg.connect();
  try {
    return await run(pg);
  } finally {
    await pg.end();
  }
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
