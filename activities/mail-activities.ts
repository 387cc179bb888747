// Sending mail exactly once per idempotency key, as far as SMTP allows: the sent-mail log is
// checked first and written after the server accepted the message. A crash between the two can
// only re-send with the same Message-ID, which receivers (and our capture server) de-duplicate.
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { logMailSending, logMailSent, mailLogStatus, recipientOf } from '../db/mail-log';
import type { MailActivities } from '../domain/activity-contract';
import type { MailRequest } from '../domain/messages';
import type { Locale } from '../domain/vocabulary';
import { renderMail } from '../mail/templates';
import type { ActivityDeps } from './deps';

/** Template values that hold a person's email, and the value their name goes into. */
const PERSON_FIELDS = [
  ['secretaryEmail', 'secretaryName'],
  ['reviewerEmail', 'reviewerName'],
] as const;

export function messageIdFor(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@shuzhi>`;
}

export function createMailActivities({ db, mailer, clock, publicBaseUrl, signInLinks, ballotTokens }: ActivityDeps): MailActivities {
  /** The page's address, through a personal sign-in link when links can be signed. */
  const linkTo = async (path: string, email: string) => {
    if (!signInLinks) return new URL(path, publicBaseUrl).toString();
    const token = await signInLinks.issue(email);
    return new URL(`/signin/${token}?next=${encodeURIComponent(path)}`, publicBaseUrl).toString();
  };

  /** A ballot's own link: the token is the ballot, and signs nobody in (the vote is anonymous). */
  const ballotLink = (ballotId = '') => {
    if (!ballotTokens) throw ApplicationFailure.nonRetryable('ballot mail needs the ballot key (ActivityDeps.ballotTokens)', 'NoBallotKey');
    return new URL(`/ballot/${ballotTokens.tokenOf(ballotId)}`, publicBaseUrl).toString();
  };

  /** A mail names people, not addresses: each PERSON_FIELDS email as the season lists the person. */
  const namesOf = async (values: Record<string, string>, seasonId?: string) => {
    const names: Record<string, string> = {};
    for (const [emailField, nameField] of PERSON_FIELDS) {
      const email = values[emailField];
      if (email) names[nameField] = (await recipientOf(db, email, seasonId))?.name ?? email;
    }
    return names;
  };

  return {
    /** Renders the mail in the recipient's language and sends it once. Returns false if already sent. */
    async sendMail(request: MailRequest): Promise<boolean> {
      // Read together: on PostgreSQL they take two connections of the pool, so the mail waits for one
      // round trip instead of two (every approval and reminder sends mail).
      const [logged, person] = await Promise.all([mailLogStatus(db, request.idempotencyKey), recipientOf(db, request.toEmail, request.seasonId)]);
      if (logged === 'sent') return false;

      const locale = (person?.locale ?? 'zh-CN') as Locale;
      const { linkPath, ...values } = request.values;
      const rendered = renderMail(request.kind, locale, {
        recipientName: person?.name ?? request.toEmail,
        ...values,
        ...(await namesOf(values, request.seasonId)),
        ...(linkPath ? { link: await linkTo(linkPath, request.toEmail) } : {}),
        ...(request.kind === 'ballot' ? { link: ballotLink(values.ballotId) } : {}),
      });
      const messageId = messageIdFor(request.idempotencyKey);
      // The log entry, unless an earlier attempt that did not finish left it as "sending": then this
      // attempt sends under that entry. Were two attempts to race, the second's insert fails on the
      // key and Temporal retries it.
      if (!logged) {
        await logMailSending(db, {
          idempotencyKey: request.idempotencyKey,
          kind: request.kind,
          toAddress: request.toEmail,
          subject: rendered.subject,
          seasonId: request.seasonId ?? null,
          reportId: request.reportId ?? null,
          messageId,
          requestedAt: request.requestedAt ? new Date(request.requestedAt) : null,
        });
      }
      await mailer.send({ to: request.toEmail, messageId, ...rendered });
      await logMailSent(db, request.idempotencyKey, clock.now());
      return true;
    },
  };
}
