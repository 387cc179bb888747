// Small fakes for tests that do not need the real SMTP server.
import type { Clock } from '../../activities';
import type { Mailer, OutgoingMail } from '../../mail/mailer';

export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  attempts = 0;
  private failuresLeft = 0;

  /** The next `count` sends fail as an unreachable SMTP server would. */
  failNext(count: number) {
    this.failuresLeft = count;
  }

  async send(mail: OutgoingMail) {
    this.attempts += 1;
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('connect ECONNREFUSED 127.0.0.1:2525');
    }
    this.sent.push(mail);
  }

  async verify() {}

  close() {}
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });
