// A ballot's token, the secret in its link or QR code: the ballot's public id and an HMAC of it
// under a key derived from SHUZHI_SECRET. The database holds ballot ids, never a token, so someone
// who can read the database cannot cast another's ballot; a forged token is refused unread. A
// batch token (one QR code per evaluator group on the meeting room's screen) names a meeting and a
// group the same way: each phone that opens it is handed one ballot of that group.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export interface BallotBatch {
  meetingRowId: string;
  groupId: string;
}

export interface BallotTokens {
  tokenOf(ballotId: string): string;
  /** The ballot id the token carries, or undefined when it was not made with this key. */
  ballotIdOf(token: string): string | undefined;
  batchTokenOf(batch: BallotBatch): string;
  batchOf(token: string): BallotBatch | undefined;
}

const BALLOT_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function ballotTokens(secret: string): BallotTokens {
  const key = Buffer.from(hkdfSync('sha256', secret, 'shuzhi', 'ballot-token/v1', 32));
  const signatureOf = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url').slice(0, 22);
  const signed = (token: string): string | undefined => {
    const [payload = '', signature = '', extra] = token.split('.');
    if (extra !== undefined || !payload) return undefined;
    const expected = Buffer.from(signatureOf(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given) ? payload : undefined;
  };
  return {
    tokenOf: (ballotId) => `${ballotId}.${signatureOf(ballotId)}`,
    ballotIdOf(token) {
      const ballotId = signed(token);
      return ballotId && BALLOT_ID.test(ballotId) ? ballotId : undefined;
    },
    batchTokenOf(batch) {
      // A different shape from a ballot id (it holds "~"), so a batch token never opens a ballot.
      const payload = `batch~${Buffer.from(JSON.stringify([batch.meetingRowId, batch.groupId])).toString('base64url')}`;
      return `${payload}.${signatureOf(payload)}`;
    },
    batchOf(token) {
      const payload = signed(token);
      if (!payload?.startsWith('batch~')) return undefined;
      try {
        const [meetingRowId, groupId] = JSON.parse(Buffer.from(payload.slice('batch~'.length), 'base64url').toString('utf8')) as [string, string];
        return typeof meetingRowId === 'string' && typeof groupId === 'string' ? { meetingRowId, groupId } : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
