// The embedded stack's SMTP server: accepts whatever nodemailer sends and keeps every message in
// a Mailbox so a person (or a test) can read it. Not a relay: nothing leaves the machine.
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { Mailbox } from './mailbox';

const SENDER_WENT_AWAY = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

export interface CaptureServer {
  mailbox: Mailbox;
  port: number;
  /** Messages accepted over SMTP, a resend of one already kept included. */
  deliveries(): number;
  close(): Promise<void>;
}

export async function startCaptureServer(options: { mailboxDir: string; port: number; host?: string }): Promise<CaptureServer> {
  const mailbox = new Mailbox(options.mailboxDir);
  let deliveries = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Senders keep pooled connections open; on close, end them after a second instead of
    // smtp-server's default 30 s, so the stack (and the SMTP-down test) stops without waiting.
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            deliveries += 1;
            mailbox.store(raw, {
              messageId: parsed.messageId ?? '',
              from: parsed.from?.text ?? String(session.envelope.mailFrom || ''),
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: parsed.subject ?? '',
            });
            callback();
          })
          .catch(callback);
      });
    },
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // smtp-server reports a connection that breaks mid-message (a sender killed, as the worker is in
  // the fault tests) as an error of the server; unheard, it would end the process the server runs
  // in. The sender's retry sends the mail again, so a broken connection needs no more than a word.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (!SENDER_WENT_AWAY.has(error.code ?? '')) console.error(`[smtp] ${error.message}`);
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    mailbox,
    port,
    deliveries: () => deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
