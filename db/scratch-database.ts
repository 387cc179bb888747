// Throwaway databases for tests and benchmarks: a fresh SQLite file, or a fresh database on a
// PostgreSQL server. Each is migrated with the committed migrations, exactly as in production.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { openDb, type Db } from './client';
import { migrateDatabase } from './migrate';
import type { DatabaseProvider } from './provider';

export interface ScratchDatabase {
  provider: DatabaseProvider;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createScratchSqlite(): Promise<ScratchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'shuzhi-scratch-'));
  const url = `file:${join(dir, 'shuzhi.db')}`;
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

/** A new database on the server `adminUrl` points at (a role that may create databases). */
export async function createScratchPostgres(adminUrl: string): Promise<ScratchDatabase> {
  const name = `shuzhi_scratch_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
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
