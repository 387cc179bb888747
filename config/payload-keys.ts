// The keys that encrypt what the product hands Temporal (temporal/payload-codec.ts), so its server
// and Web UI hold no comment, address or name in the clear.
// SHUZHI_PAYLOAD_KEYS lists them as `id:base64key,…`, the first encrypting; unset, the key is
// derived from SHUZHI_SECRET, so the embedded stack and the tests need no new setting. Every key
// stays able to decode: a payload names the key it was encrypted with, and histories outlive keys.
import { createHash, hkdfSync } from 'node:crypto';

export const PAYLOAD_KEY_BYTES = 32;

export interface PayloadKey {
  /** Stored in each payload's metadata (not secret): which key decrypts it. */
  id: string;
  key: Buffer;
}

export interface PayloadKeyring {
  /** The key new payloads are encrypted with. */
  current: PayloadKey;
  /** The key with this id, for decrypting; undefined when it is unknown here. */
  find(id: string): Buffer | undefined;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** SHUZHI_PAYLOAD_KEYS as keys, or what is wrong with it (worded for ConfigError). */
export function parsePayloadKeys(value: string): PayloadKey[] | { problem: string } {
  const keys: PayloadKey[] = [];
  for (const entry of value.split(',').map((part) => part.trim())) {
    if (!entry) continue;
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const encoded = entry.slice(colon + 1);
    if (!KEY_ID.test(id)) return { problem: 'each key must be id:base64key, the id of letters, digits, ".", "_" or "-"' };
    const key = Buffer.from(encoded, 'base64');
    if (!BASE64.test(encoded) || key.length !== PAYLOAD_KEY_BYTES) {
      return { problem: `key "${id}" must be ${PAYLOAD_KEY_BYTES} random bytes in base64 (openssl rand -base64 ${PAYLOAD_KEY_BYTES})` };
    }
    if (keys.some((k) => k.id === id)) return { problem: `key id "${id}" is listed twice` };
    keys.push({ id, key });
  }
  return keys;
}

/** The key derived from a secret; its id is a fingerprint, so a rotated secret's payloads still find theirs. */
export function payloadKeyFromSecret(secret: string): PayloadKey {
  const key = Buffer.from(hkdfSync('sha256', secret, 'shuzhi', 'temporal-payload-aes-256-gcm/v1', PAYLOAD_KEY_BYTES));
  return { id: createHash('sha256').update('shuzhi payload key id').update(key).digest('hex').slice(0, 16), key };
}

/**
 * Listed keys first (the first encrypts), then the keys derived from the secret and the retired
 * secrets: those decode what was written before SHUZHI_PAYLOAD_KEYS was set, and the secret's
 * encrypts when nothing is listed.
 */
export function payloadKeyring(listed: readonly PayloadKey[], secret: string, retiredSecrets: readonly string[] = []): PayloadKeyring {
  const derived = [secret, ...retiredSecrets].map(payloadKeyFromSecret);
  const all = [...listed, ...derived];
  const byId = new Map<string, Buffer>();
  for (const { id, key } of all) if (!byId.has(id)) byId.set(id, key);
  return { current: listed[0] ?? (derived[0] as PayloadKey), find: (id) => byId.get(id) };
}
