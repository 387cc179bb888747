// Driver adapters let Prisma run without its native engines (none can be downloaded here).
import { PrismaPg } from '@prisma/adapter-pg';
import { databaseProvider } from './provider';
import { PrismaLibSQLOnOneConnection } from './sqlite-connections';

export function createDriverAdapterFactory(databaseUrl: string) {
  if (databaseProvider(databaseUrl) === 'sqlite') {
    return new PrismaLibSQLOnOneConnection({ url: databaseUrl });
  }
  return new PrismaPg({ connectionString: databaseUrl });
}
