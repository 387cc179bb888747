// What Temporal is handed is sealed: readable again only with the key it names, refused when
// changed, and histories written before (or under a retired key) still read.
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { payloadKeyring, type PayloadKey } from '../../config/payload-keys';
import { ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadEncryptionCodec, PayloadTamperedError, UnknownPayloadKeyError } from '../../temporal/payload-codec';
import { at } from '../helpers/at';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const COMMENT = { email: 'shuji.yizhong@school.example', comment: '请补充数据' };
const key = (id: string): PayloadKey => ({ id, key: randomBytes(32) });
const codecOf = (listed: PayloadKey[], secret = SECRET, retired: string[] = []) => new PayloadEncryptionCodec(payloadKeyring(listed, secret, retired));
const plain = (): Payload => defaultPayloadConverter.toPayload(COMMENT);
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

async function sealOne(codec: PayloadEncryptionCodec): Promise<Payload> {
  return at(await codec.encode([plain()]), 0, 'encoded payload');
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the payload to be refused');
}

describe('the payload codec', () => {
  test('seals a payload so neither its words nor its encoding show, and opens it again as it was', async () => {
    const codec = codecOf([key('k1')]);
    const sealed = await sealOne(codec);
    expect(text(sealed.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed.metadata?.[KEY_ID_METADATA])).toBe('k1');
    expect(Object.keys(sealed.metadata ?? {}).sort()).toEqual(['encoding', KEY_ID_METADATA]);
    const bytes = Buffer.from(sealed.data ?? []);
    for (const word of [COMMENT.email, COMMENT.comment, 'json/plain']) expect(bytes.includes(Buffer.from(word))).toBe(false);

    const [opened] = await codec.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened as Payload)).toEqual(COMMENT);
    expect(text(opened?.metadata?.encoding)).toBe('json/plain');
  });

  test('draws a fresh IV for every payload, so the same value never seals the same way twice', async () => {
    const codec = codecOf([key('k1')]);
    const sealed = await codec.encode([plain(), plain()]);
    const [a, b] = sealed.map((p) => Buffer.from(p.data ?? [])) as [Buffer, Buffer];
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  test('refuses a payload whose ciphertext was changed or cut short, naming its key', async () => {
    const codec = codecOf([key('k1')]);
    const sealed = await sealOne(codec);
    const data = Buffer.from(sealed.data ?? []);
    const flipped = Buffer.from(data);
    flipped[20] = (flipped[20] as number) ^ 1;
    for (const damaged of [flipped, data.subarray(0, 20), data.subarray(0, data.length - 1)]) {
      const error = await refusal(codec.decode([{ ...sealed, data: damaged }]));
      expect(error).toBeInstanceOf(PayloadTamperedError);
      expect(error).toMatchObject({ keyId: 'k1' });
    }
  });

  test('refuses a payload sealed under another key that bears the same id', async () => {
    const sealed = await sealOne(codecOf([key('k1')]));
    expect(await refusal(codecOf([key('k1')]).decode([sealed]))).toBeInstanceOf(PayloadTamperedError);
  });

  test('after a rotation the new key seals and the old one still opens what it sealed', async () => {
    const old = key('2026-01');
    const sealedBefore = await sealOne(codecOf([old]));
    const rotated = codecOf([key('2026-07'), old]);
    expect(text((await sealOne(rotated)).metadata?.[KEY_ID_METADATA])).toBe('2026-07');
    expect(defaultPayloadConverter.fromPayload(at(await rotated.decode([sealedBefore]), 0, 'decoded'))).toEqual(COMMENT);
  });

  test("a rotated SHUZHI_SECRET's payloads open when it is listed as retired, and under listed keys", async () => {
    const sealedBefore = await sealOne(codecOf([], 'the-first-secret-of-thirty-two-characters'));
    const after = codecOf([key('listed')], 'the-second-secret-of-thirty-two-characters', ['the-first-secret-of-thirty-two-characters']);
    expect(defaultPayloadConverter.fromPayload(at(await after.decode([sealedBefore]), 0, 'decoded'))).toEqual(COMMENT);
  });

  test('the key derived from the secret is the same in every process, its id a fingerprint of it', async () => {
    const one = payloadKeyring([], SECRET).current;
    const two = payloadKeyring([], SECRET).current;
    expect(one.id).toMatch(/^[0-9a-f]{16}$/);
    expect(two).toEqual(one);
    expect(one.id).not.toBe(payloadKeyring([], `${SECRET}!`).current.id);
    expect(defaultPayloadConverter.fromPayload(at(await codecOf([]).decode([await sealOne(codecOf([]))]), 0, 'decoded'))).toEqual(COMMENT);
  });

  test('a payload under a key this process lacks fails with an error naming that key', async () => {
    const sealed = await sealOne(codecOf([key('gone-2025')]));
    const error = await refusal(codecOf([key('k1')]).decode([sealed]));
    expect(error).toBeInstanceOf(UnknownPayloadKeyError);
    expect(error).toMatchObject({ keyId: 'gone-2025' });
    expect((error as Error).message).toContain('gone-2025');
  });

  test('payloads that were never encrypted pass through untouched, beside encrypted ones', async () => {
    const codec = codecOf([key('k1')]);
    const before = plain();
    const empty: Payload = { metadata: { encoding: Buffer.from('binary/null') } };
    const [first, second, third] = await codec.decode([before, await sealOne(codec), empty]);
    expect(first).toBe(before);
    expect(defaultPayloadConverter.fromPayload(second as Payload)).toEqual(COMMENT);
    expect(third).toBe(empty);
  });
});
