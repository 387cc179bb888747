// Small fakes for tests that do not need the real SMTP server.
import type { Clock } from '../../activities';
import type { Mailer, OutgoingMail } from '../../mail/mailer';

export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail) {
    this.sent.push(mail);
  }
  close() {}
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });
