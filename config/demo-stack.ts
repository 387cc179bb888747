// The embedded demo stack (npm start, and the test stacks) marks its data folder. There, and only
// there, the CLI lets a command name who acts (`--as`): the demo's mailbox already signs anyone in.
// Anywhere else a person proves who they are with a token (`shuzhi login`, SHUZHI_TOKEN).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './env';

const MARKER = 'demo-stack';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a URL or host:port names this machine (localhost, 127.0.0.1, ::1). */
export function isLoopback(urlOrHostPort: string): boolean {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(urlOrHostPort) ? urlOrHostPort : `tcp://${urlOrHostPort}`;
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Written by the embedded stack when it starts, into its own data folder. */
export function markDemoStack(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, MARKER), 'This data folder belongs to an embedded demo stack: the CLI accepts --as here.\n');
}

/** The data folder is a demo stack's, and the web app and Temporal it names are on this machine. */
export function isDemoStack(config: Pick<Config, 'SHUZHI_DATA_DIR' | 'PUBLIC_BASE_URL' | 'TEMPORAL_ADDRESS'>): boolean {
  return existsSync(join(config.SHUZHI_DATA_DIR, MARKER)) && isLoopback(config.PUBLIC_BASE_URL) && isLoopback(config.TEMPORAL_ADDRESS);
}
