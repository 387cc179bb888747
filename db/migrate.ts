// Applies the committed migrations (prisma/<provider>/migrations/*/migration.sql) in order, each
// in one transaction with its bookkeeping row. Prisma's own `migrate deploy` cannot read
// PostgreSQL's catalog through the pg driver adapter (prisma/orm#27403), so this small runner
// does the same job for both databases and writes Prisma's `_prisma_migrations` table, which
// keeps `prisma migrate status` meaningful.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createClient } from '@libsql/client';
import { Client as PgClient } from 'pg';
import { PROJECT_ROOT } from '../config/env';
import { databaseProvider, type DatabaseProvider } from './provider';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function committedMigrations(provider: DatabaseProvider): Migration[] {
  const dir = join(PROJECT_ROOT, 'prisma', provider, 'migrations');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const BOOKKEEPING: Record<DatabaseProvider, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};

/** Runs SQL against one database; `script` may hold many statements. */
interface SqlSession {
  script(sql: string): Promise<void>;
  appliedNames(): Promise<Set<string>>;
  close(): Promise<void>;
}

/** Applies every committed migration not applied yet; returns the names it applied. */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  const provider = databaseProvider(databaseUrl);
  const session = provider === 'sqlite' ? await openSqlite(databaseUrl) : await openPostgres(databaseUrl);
  try {
    await session.script(BOOKKEEPING[provider]);
    const applied = await session.appliedNames();
    const pending = committedMigrations(provider).filter((m) => !applied.has(m.name));
    for (const migration of pending) {
      const record =
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count") ` +
        `VALUES ('${randomUUID()}', '${migration.checksum}', '${migration.name}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1);`;
      try {
        await session.script(`BEGIN;\n${migration.sql}\n;\n${record}\nCOMMIT;`);
      } catch (error) {
        await session.script('ROLLBACK;').catch(() => undefined);
        throw new Error(`migration ${migration.name} failed on ${redact(databaseUrl)}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    return pending.map((m) => m.name);
  } finally {
    await session.close();
  }
}

/**
 * The committed migrations not applied to the database yet, changing nothing: a SQLite file that
 * does not exist is not made, and a database without the bookkeeping table has every one pending.
 */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const provider = databaseProvider(databaseUrl);
  const names = committedMigrations(provider).map((m) => m.name);
  if (provider === 'sqlite' && !existsSync(sqliteFile(databaseUrl))) return names;
  const session = provider === 'sqlite' ? await openSqlite(databaseUrl) : await openPostgres(databaseUrl, { lock: false });
  try {
    const applied = await session.appliedNames().catch((error: unknown) => {
      if (/_prisma_migrations/.test(error instanceof Error ? error.message : String(error))) return new Set<string>();
      throw error;
    });
    return names.filter((name) => !applied.has(name));
  } finally {
    await session.close();
  }
}

const sqliteFile = (databaseUrl: string) => {
  const file = databaseUrl.slice('file:'.length);
  return file.startsWith('/') ? file : join(PROJECT_ROOT, file);
};

async function openSqlite(databaseUrl: string): Promise<SqlSession> {
  mkdirSync(dirname(sqliteFile(databaseUrl)), { recursive: true });
  const client = createClient({ url: databaseUrl });
  await client.execute('PRAGMA busy_timeout = 10000');
  return {
    script: (sql) => client.executeMultiple(sql),
    async appliedNames() {
      const rows = await client.execute('SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL');
      return new Set(rows.rows.map((row) => String(row.migration_name)));
    },
    async close() {
      client.close();
    },
  };
}

async function openPostgres(databaseUrl: string, options = { lock: true }): Promise<SqlSession> {
  const client = new PgClient({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  // Two processes migrating at once wait for each other instead of racing.
  if (options.lock) await client.query('SELECT pg_advisory_lock(7470720)');
  return {
    async script(sql) {
      await client.query(sql);
    },
    async appliedNames() {
      const result = await client.query('SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL');
      return new Set(result.rows.map((row: { migration_name: string }) => row.migration_name));
    },
    async close() {
      await client.end();
    },
  };
}

/** Hides the password of a database URL in messages. */
export function redact(databaseUrl: string): string {
  return databaseUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
