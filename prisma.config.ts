// Prisma CLI configuration. The JS schema engine with a driver adapter runs offline (no engine
// binary download), for both databases: the schema and adapter follow DATABASE_URL.
import { defineConfig } from 'prisma/config';
import { loadConfig } from './config/env';
import { databaseProvider } from './db/provider';
import { createDriverAdapterFactory } from './db/adapter';

const { DATABASE_URL } = loadConfig();
const provider = databaseProvider(DATABASE_URL);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  adapter: async () => createDriverAdapterFactory(DATABASE_URL),
});
