// One Prisma client type for both databases. Each provider has its own generated client (the
// query compiler is provider-specific) but both come from prisma/models.prisma, so their model
// APIs are identical; the PostgreSQL one is typed through the SQLite one.
import { PrismaClient as SqliteClient } from '../generated/prisma/sqlite';
import { PrismaClient as PostgresClient } from '../generated/prisma/postgresql';
import { createDriverAdapterFactory } from './adapter';
import { databaseProvider } from './provider';

export type Db = SqliteClient;
export type { Prisma, Season } from '../generated/prisma/sqlite';
/** A Prisma interactive-transaction client. */
export type DbTransaction = Parameters<Parameters<Db['$transaction']>[0]>[0];

export async function openDb(databaseUrl: string): Promise<Db> {
  const adapter = createDriverAdapterFactory(databaseUrl);
  if (databaseProvider(databaseUrl) === 'postgresql') {
    return new PostgresClient({ adapter, errorFormat: 'minimal' }) as unknown as Db;
  }
  const db = new SqliteClient({ adapter, errorFormat: 'minimal' });
  // The worker, the CLI and the web server share one file: WAL lets readers go on while one
  // writes, and busy_timeout makes a writer wait for the lock instead of failing at once.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe('PRAGMA busy_timeout = 10000');
  await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}
