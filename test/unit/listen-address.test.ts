// The web app listens on loopback for a local address, and the demo mailbox (which signs in as
// anyone) is refused anywhere else.
import { DemoMailboxExposedError, listenHost } from '../../web/listen-address';

describe('where the web app listens', () => {
  test.each([
    ['http://localhost:3000', '127.0.0.1'],
    ['http://127.0.0.1:3000', '127.0.0.1'],
    ['http://[::1]:3000', '::1'],
  ])('%s: on loopback only, with or without the demo mailbox', (url, host) => {
    expect(listenHost(url, false)).toBe(host);
    expect(listenHost(url, true)).toBe(host);
  });

  test('a public address listens on every interface', () => {
    expect(listenHost('https://shuzhi.bureau.example', false)).toBe('0.0.0.0');
    expect(listenHost('http://192.168.1.20:3000', false)).toBe('0.0.0.0');
  });

  test.each(['https://shuzhi.bureau.example', 'http://192.168.1.20:3000', 'http://0.0.0.0:3000'])(
    'the demo mailbox on %s is refused, saying what to do',
    (url) => {
      expect(() => listenHost(url, true)).toThrow(DemoMailboxExposedError);
      expect(() => listenHost(url, true)).toThrow(/Unset SHUZHI_DEMO_MAILBOX/);
    },
  );
});
