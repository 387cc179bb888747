// Outgoing mail through SMTP (nodemailer). Activities get a Mailer from their factory, so tests
// can hand them the real capture server or a small fake.
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic per idempotency key, so a receiver can drop a duplicate delivery. */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /** Connects to the SMTP server and greets it, sending nothing: is mail going to work? */
  verify(): Promise<void>;
  close(): void;
}

/**
 * Pooled unless the URL says `pool=false`: a season's waves of mail reuse a few open connections
 * instead of a new SMTP session per message, which cost far more than sending it
 * (bench/README.md#what-changed-them, change 2).
 */
export function smtpTransportUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  return url.toString();
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpTransportUrl(smtpUrl));
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}
