// A change's first try at its mail: in order, bounded in time, stopping where SMTP stops taking it.
import { tryMailInOrder } from '../../activities/mail-activities';
import type { MailRequest } from '../../domain/messages';

const mail = (to: string): MailRequest => ({ idempotencyKey: `k/${to}`, kind: 'reminder', toEmail: to, values: {} });

test('sends every mail in order when SMTP takes them', async () => {
  const sent: string[] = [];
  const count = await tryMailInOrder(async (m) => void sent.push(m.toEmail), [mail('a'), mail('b'), mail('c')]);
  expect(count).toBe(3);
  expect(sent).toEqual(['a', 'b', 'c']);
});

test('stops at a mail SMTP does not take in time, leaving it and the rest for the outbox', async () => {
  const tried: string[] = [];
  const send = (m: MailRequest) => {
    tried.push(m.toEmail);
    return m.toEmail === 'slow' ? new Promise<void>(() => undefined) : Promise.resolve();
  };
  const count = await tryMailInOrder(send, [mail('a'), mail('slow'), mail('c')], 50);
  expect(count).toBe(1);
  expect(tried).toEqual(['a', 'slow']);
});
