// Where the bootstrap put (or found) the external tools. See scripts/bootstrap.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/env';

export interface ToolPaths {
  temporalCli: string;
  temporalTestServer?: string;
  postgres?: { available: true; url: string } | { available: false; reason: string };
  /** Chromium for the browser tests. */
  chromium?: string;
  /** Temporal's own server, its SQL tool and schemas, for the cluster stack (stack/temporal-cluster.ts). */
  temporalCluster?: { server: string; sqlTool: string; schemaDir: string };
}

export function readToolPaths(kind: 'stack' | 'test' = 'stack'): ToolPaths {
  const stackFile = join(PROJECT_ROOT, '.tools', 'paths.json');
  const testFile = join(PROJECT_ROOT, '.tools', 'paths.test.json');
  // The tests' bootstrap finds every tool the stack's does, so a test may run the stack after it.
  const file = kind === 'test' || (!existsSync(stackFile) && existsSync(testFile)) ? testFile : stackFile;
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run \`npm run bootstrap\`${kind === 'test' ? ' -- --for-tests' : ''} first`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as ToolPaths;
}
