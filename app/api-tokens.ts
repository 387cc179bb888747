// Personal API tokens (issue 25): a person makes one on the /tokens page, names it and chooses how
// long it lives; the API takes it as `Authorization: Bearer shz_<id>_<secret>`. The secret is shown
// once and only its SHA-256 is kept, so a copy of the database signs no one in.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/client';
import { apiTokenById, apiTokensOf, insertApiToken, markApiTokenRevoked, markApiTokenUsed, type ApiTokenRow } from '../db/api-tokens';
import { words, type Words } from '../domain/words';

export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;
const NAME_LIMIT = 100;
const DAY_MS = 86_400_000;
const PREFIX = 'shz_';

/** A token refused, or a token request refused; the reason in both languages. */
export class ApiTokenError extends Error {
  constructor(
    readonly code: 'missing' | 'malformed' | 'unknown' | 'expired' | 'revoked' | 'bad_name' | 'bad_days' | 'not_found',
    readonly reason: Words,
  ) {
    super(reason.en);
    this.name = 'ApiTokenError';
  }
}

export type ApiTokenSummary = Omit<ApiTokenRow, 'secretHash'>;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
const summary = ({ secretHash: _hash, ...row }: ApiTokenRow): ApiTokenSummary => row;

/** The days a person asked for, or the default when left empty; 1 to MAX_TOKEN_DAYS. */
export function tokenDays(typed: string | undefined): number {
  const text = (typed ?? '').trim();
  if (!text) return DEFAULT_TOKEN_DAYS;
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
    throw new ApiTokenError('bad_days', words(`有效期应为 1 到 ${MAX_TOKEN_DAYS} 天。`, `A token lasts 1 to ${MAX_TOKEN_DAYS} days.`));
  }
  return days;
}

/** A new token for this person; the returned `token` is the only time the secret exists outside the caller. */
export async function issueApiToken(
  db: Db,
  personEmail: string,
  name: string,
  days: number,
  now = new Date(),
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const label = name.trim();
  if (!label || label.length > NAME_LIMIT) {
    throw new ApiTokenError(
      'bad_name',
      words(`请给令牌起一个名称（不超过 ${NAME_LIMIT} 个字）。`, `Give the token a name (at most ${NAME_LIMIT} characters).`),
    );
  }
  // Hex, so the id never holds the "_" that separates it from the secret.
  const id = randomBytes(12).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const row = {
    id,
    personEmail: personEmail.toLowerCase(),
    name: label,
    secretHash: hashOf(secret),
    createdAt: now,
    expiresAt: new Date(now.getTime() + days * DAY_MS),
  };
  await insertApiToken(db, row);
  return { token: `${PREFIX}${id}_${secret}`, summary: summary({ ...row, revokedAt: null, lastUsedAt: null }) };
}

export const listApiTokens = async (db: Db, personEmail: string): Promise<ApiTokenSummary[]> => (await apiTokensOf(db, personEmail.toLowerCase())).map(summary);

export async function revokeApiToken(db: Db, personEmail: string, id: string, now = new Date()): Promise<void> {
  if (!(await markApiTokenRevoked(db, personEmail.toLowerCase(), id, now))) {
    throw new ApiTokenError('not_found', words('没有这个可吊销的令牌。', 'There is no such token to revoke.'));
  }
}

const REFUSALS = {
  missing: words('请求缺少令牌：请在 Authorization 头中发送 “Bearer <令牌>”。', 'No token: send "Authorization: Bearer <token>".'),
  malformed: words('令牌格式不正确。', 'The token is not in the expected form.'),
  unknown: words('令牌无效。', 'The token is not valid.'),
  expired: words('令牌已过期，请在“API 令牌”页面新建一个。', 'The token has expired; make a new one on the API tokens page.'),
  revoked: words('令牌已被吊销。', 'The token has been revoked.'),
} as const;

const refuse = (code: keyof typeof REFUSALS) => new ApiTokenError(code, REFUSALS[code]);

/** The `Authorization` header's token, checked; the token's person and expiry, its use noted. */
export async function authenticateApiToken(db: Db, header: string | undefined, now = new Date()): Promise<ApiTokenSummary> {
  if (!header) throw refuse('missing');
  const match = /^Bearer\s+shz_([0-9a-f]{24})_([A-Za-z0-9_-]{43})$/.exec(header.trim());
  if (!match) throw refuse(header.trim().startsWith('Bearer ') ? 'malformed' : 'missing');
  const [, id = '', secret = ''] = match;
  const row = await apiTokenById(db, id);
  // Compared in constant time: the hash must not leak by how long a wrong guess takes.
  if (!row || !timingSafeEqual(Buffer.from(row.secretHash, 'hex'), Buffer.from(hashOf(secret), 'hex'))) throw refuse('unknown');
  if (row.revokedAt) throw refuse('revoked');
  if (row.expiresAt <= now) throw refuse('expired');
  await markApiTokenUsed(db, id, now);
  return summary({ ...row, lastUsedAt: now });
}
