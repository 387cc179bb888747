// Driver adapters let Prisma run without its native engines (none can be downloaded here).
import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import { databaseProvider } from './provider';

export function createDriverAdapterFactory(databaseUrl: string) {
  if (databaseProvider(databaseUrl) === 'sqlite') {
    return new PrismaLibSQL({ url: databaseUrl });
  }
  return new PrismaPg({ connectionString: databaseUrl });
}
