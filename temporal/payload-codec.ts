// Every payload the product hands Temporal (workflow inputs, update arguments, activity inputs and
// results, query answers) is encrypted before it leaves the process, so Temporal's server and its
// Web UI, which has no sign-in, hold ciphertext only. The whole payload, its own metadata included,
// is sealed with AES-256-GCM under a fresh 12-byte IV; the key's id rides in the clear beside it,
// so a payload written under a rotated key still finds its key. Payloads that are not encrypted
// (histories from before, test/replay/histories) pass through.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeyring } from '../config/payload-keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A payload names a key this process does not hold: SHUZHI_PAYLOAD_KEYS lacks a key it once had. */
export class UnknownPayloadKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`负载密钥 "${keyId}" 不在本进程的密钥中，请在 SHUZHI_PAYLOAD_KEYS 中保留它 / payload key "${keyId}" is unknown here: keep it in SHUZHI_PAYLOAD_KEYS`);
    this.name = 'UnknownPayloadKeyError';
  }
}

/** The ciphertext does not authenticate under its key: changed, cut short, or sealed under another key with that id. */
export class PayloadTamperedError extends Error {
  constructor(readonly keyId: string) {
    super(`负载无法用密钥 "${keyId}" 解密，可能已被篡改 / payload does not decrypt under key "${keyId}": it was changed or damaged`);
    this.name = 'PayloadTamperedError';
  }
}

const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

export class PayloadEncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keyring.current;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      const sealed = Buffer.concat([cipher.update(temporal.api.common.v1.Payload.encode(payload).finish()), cipher.final()]);
      return {
        metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from(id) },
        data: Buffer.concat([iv, sealed, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyId = text(payload.metadata?.[KEY_ID_METADATA]) ?? '';
      const key = this.keyring.find(keyId);
      if (!key) throw new UnknownPayloadKeyError(keyId);
      const data = Buffer.from(payload.data ?? []);
      if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadTamperedError(keyId);
      try {
        const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES));
        decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
        const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
        return temporal.api.common.v1.Payload.decode(plain);
      } catch {
        throw new PayloadTamperedError(keyId);
      }
    });
  }
}

/** The module whose failure converter puts failures' messages into payloads, so they are sealed too. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/** What every Temporal client and worker of the product is given (app/temporal.ts, worker/); the workflow bundle is built with the same failure converter. */
export function encryptedDataConverter(keyring: PayloadKeyring): DataConverter {
  return { payloadCodecs: [new PayloadEncryptionCodec(keyring)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
