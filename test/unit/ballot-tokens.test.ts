// A ballot's token is its id signed with a key from the secret: made here, checked here, and
// refused when forged, altered or made under another secret.
import { ballotTokens } from '../../config/ballot-tokens';

describe('ballot tokens', () => {
  const tokens = ballotTokens('the secret');

  test('a token opens the ballot it was made for', () => {
    const token = tokens.tokenOf('Yq3v_8kR2mNp');
    expect(token.startsWith('Yq3v_8kR2mNp.')).toBe(true);
    expect(tokens.ballotIdOf(token)).toBe('Yq3v_8kR2mNp');
  });

  test('a forged, altered or foreign token opens nothing', () => {
    const token = tokens.tokenOf('Yq3v_8kR2mNp');
    expect(tokens.ballotIdOf(token.replace('Yq3v', 'Yq3w'))).toBeUndefined();
    expect(tokens.ballotIdOf(`${token}x`)).toBeUndefined();
    expect(tokens.ballotIdOf('Yq3v_8kR2mNp')).toBeUndefined();
    expect(tokens.ballotIdOf(`${token}.more`)).toBeUndefined();
    expect(tokens.ballotIdOf(ballotTokens('another secret').tokenOf('Yq3v_8kR2mNp'))).toBeUndefined();
    expect(tokens.ballotIdOf('../../etc.passwd')).toBeUndefined();
  });
});

describe('batch tokens (a group QR code on the meeting room screen)', () => {
  const tokens = ballotTokens('the secret');
  const batch = { meetingRowId: 'demo-2026/annual', groupId: 'masses' };

  test('a batch token names its meeting and group, and opens no ballot', () => {
    const token = tokens.batchTokenOf(batch);
    expect(tokens.batchOf(token)).toEqual(batch);
    expect(tokens.ballotIdOf(token)).toBeUndefined();
  });

  test('a ballot token, an altered batch token or one made under another secret names no batch', () => {
    expect(tokens.batchOf(tokens.tokenOf('Yq3v_8kR2mNp'))).toBeUndefined();
    expect(tokens.batchOf(tokens.batchTokenOf(batch).replace('batch~', 'batch~x'))).toBeUndefined();
    expect(tokens.batchOf(ballotTokens('another secret').batchTokenOf(batch))).toBeUndefined();
  });
});
