// Databases on a PostgreSQL server, made and dropped by name: the cluster stack's application
// database, and the two a cluster test makes for Temporal. Names are plain identifiers only.
import { Client as PgClient } from 'pg';

const assertName = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
};

async function withServer<T>(adminUrl: string, run: (pg: PgClient) => Promise<T>): Promise<T> {
  const pg = new PgClient({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await pg.connect();
  try {
    return await run(pg);
  } finally {
    await pg.end();
  }
}

/** Makes database `name` unless it exists; returns its URL on the same server as `adminUrl`. */
export async function ensurePostgresDatabase(adminUrl: string, name: string): Promise<string> {
  assertName(name);
  await withServer(adminUrl, async (pg) => {
    const found = await pg.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await pg.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops databases, their connections and all. */
export async function dropPostgresDatabases(adminUrl: string, names: string[]): Promise<void> {
  names.forEach(assertName);
  await withServer(adminUrl, async (pg) => {
    for (const name of names) await pg.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}
