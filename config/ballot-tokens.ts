// A ballot's token, the secret in its link or QR code: the ballot's public id and an HMAC of it
// under a key derived from SHUZHI_SECRET. The database holds ballot ids, never a token, so someone
// who can read the database cannot cast another's ballot; a forged token is refused unread.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export interface BallotTokens {
  tokenOf(ballotId: string): string;
  /** The ballot id the token carries, or undefined when it was not made with this key. */
  ballotIdOf(token: string): string | undefined;
}

const BALLOT_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function ballotTokens(secret: string): BallotTokens {
  const key = Buffer.from(hkdfSync('sha256', secret, 'shuzhi', 'ballot-token/v1', 32));
  const signatureOf = (ballotId: string) => createHmac('sha256', key).update(ballotId).digest('base64url').slice(0, 22);
  return {
    tokenOf: (ballotId) => `${ballotId}.${signatureOf(ballotId)}`,
    ballotIdOf(token) {
      const [ballotId = '', signature = '', extra] = token.split('.');
      if (extra !== undefined || !BALLOT_ID.test(ballotId)) return undefined;
      const expected = Buffer.from(signatureOf(ballotId));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given) ? ballotId : undefined;
    },
  };
}
