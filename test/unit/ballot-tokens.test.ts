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
