// Applies the committed migrations (prisma/<provider>/migrations) with `prisma migrate deploy`.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../config/env';
import { databaseProvider } from './provider';

export function migrateDatabase(databaseUrl: string): void {
  if (databaseProvider(databaseUrl) === 'sqlite') {
    const file = databaseUrl.slice('file:'.length);
    if (file.startsWith('/')) mkdirSync(dirname(file), { recursive: true });
    else mkdirSync(dirname(join(PROJECT_ROOT, file)), { recursive: true });
  }
  try {
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/prisma/build/index.js'), 'migrate', 'deploy'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: 'pipe',
    });
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `prisma migrate deploy failed for ${redact(databaseUrl)}:\n${failed.stdout ?? ''}${failed.stderr ?? ''}`,
    );
  }
}

/** Hides the password of a database URL in messages. */
export function redact(databaseUrl: string): string {
  return databaseUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

