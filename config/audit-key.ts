// The key that authenticates the record. Each audit event carries HMAC-SHA256(key, its hash): the
// hash chain shows an edit, and the MAC shows who could have made the chain. The key is derived
// from SHUZHI_SECRET, which the database does not hold, so someone with database access alone who
// edits a row and recomputes every hash after it still fails verification.
// Rotation: set a new SHUZHI_SECRET and list the old one in SHUZHI_RETIRED_SECRETS; events keep the
// key id they were written with, so verify finds the key each needs.
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export interface AuditKey {
  /** A short fingerprint of the key (not the key): stored with each event. */
  id: string;
  mac(hash: string): string;
}

export interface AuditKeyring {
  /** The key new events are written with. */
  current: AuditKey;
  /** Whether `mac` is the MAC of `hash` under the key with this id; undefined when that key is unknown here. */
  check(keyId: string, hash: string, mac: string): boolean | undefined;
}

function auditKeyFrom(secret: string): AuditKey {
  const key = Buffer.from(hkdfSync('sha256', secret, 'shuzhi', 'audit-event-mac/v1', 32));
  return {
    id: createHash('sha256').update('shuzhi audit key id').update(key).digest('hex').slice(0, 16),
    mac: (hash) => createHmac('sha256', key).update(hash).digest('hex'),
  };
}

export function auditKeyring(secret: string, retiredSecrets: readonly string[] = []): AuditKeyring {
  const current = auditKeyFrom(secret);
  const keys = new Map([current, ...retiredSecrets.map(auditKeyFrom)].map((key) => [key.id, key]));
  return {
    current,
    check(keyId, hash, mac) {
      const key = keys.get(keyId);
      if (!key) return undefined;
      const expected = Buffer.from(key.mac(hash));
      const given = Buffer.from(mac);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
