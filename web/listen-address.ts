// Where the web app listens, from the address people reach it at: loopback for a local address,
// every interface otherwise. The demo mailbox (every captured mail, readable without signing in:
// it signs in as anyone) exists only on a web app nobody else can reach.
import { isLoopback } from '../config/demo-stack';

export class DemoMailboxExposedError extends Error {
  constructor(publicBaseUrl: string) {
    super(
      `SHUZHI_DEMO_MAILBOX=1 shows every mail, and so signs in as anyone: it is allowed only when PUBLIC_BASE_URL is on this machine (localhost or 127.0.0.1), not ${publicBaseUrl}. ` +
        'Unset SHUZHI_DEMO_MAILBOX, or use a local PUBLIC_BASE_URL.',
    );
  }
}

/** The interface to listen on; refuses the demo mailbox on any address but loopback. */
export function listenHost(publicBaseUrl: string, demoMailbox: boolean): string {
  const host = new URL(publicBaseUrl).hostname;
  const loopback = isLoopback(publicBaseUrl);
  if (demoMailbox && !loopback) throw new DemoMailboxExposedError(publicBaseUrl);
  if (!loopback) return '0.0.0.0';
  return host === '[::1]' || host === '::1' ? '::1' : '127.0.0.1';
}
