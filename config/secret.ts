// The key that signs sign-in links. Set SHUZHI_SECRET in production; the embedded stack keeps a
// random one in its data folder so the worker (which mails links) and the web app (which checks
// them) agree without setup.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditKeyring, type AuditKeyring } from './audit-key';
import type { Config } from './env';
import { payloadKeyring, type PayloadKeyring } from './payload-keys';

export function loadSecret(config: Pick<Config, 'SHUZHI_SECRET' | 'SHUZHI_DATA_DIR'>): string {
  if (config.SHUZHI_SECRET) return config.SHUZHI_SECRET;
  const file = join(config.SHUZHI_DATA_DIR, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(config.SHUZHI_DATA_DIR, { recursive: true });
    // 'wx' fails if another process wrote it first; then that one is read below.
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}

/** The keys of the record (config/audit-key.ts): the current secret's, and the retired ones' for verifying. */
export function loadAuditKeyring(config: Pick<Config, 'SHUZHI_SECRET' | 'SHUZHI_DATA_DIR' | 'SHUZHI_RETIRED_SECRETS'>): AuditKeyring {
  return auditKeyring(loadSecret(config), config.SHUZHI_RETIRED_SECRETS);
}

/** The keys of what Temporal stores (config/payload-keys.ts): SHUZHI_PAYLOAD_KEYS, then the secrets' own. */
export function loadPayloadKeyring(
  config: Pick<Config, 'SHUZHI_SECRET' | 'SHUZHI_DATA_DIR' | 'SHUZHI_RETIRED_SECRETS' | 'SHUZHI_PAYLOAD_KEYS'>,
): PayloadKeyring {
  return payloadKeyring(config.SHUZHI_PAYLOAD_KEYS, loadSecret(config), config.SHUZHI_RETIRED_SECRETS);
}
