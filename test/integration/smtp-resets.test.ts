// A sender killed in the middle of a conversation (the worker under SIGKILL) resets its connection.
// The capture server must shrug that off, however often it happens, and keep taking mail: an
// unheard socket error would bring down the whole process it runs in (the stack, or a test): jest
// fails the suite with "read ECONNRESET" (seen in record-faults.test.ts).
import { mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCaptureServer, type CaptureServer } from '../../mail/capture-server';
import { createSmtpMailer } from '../../mail/mailer';

let smtp: CaptureServer;

beforeAll(async () => {
  smtp = await startCaptureServer({ mailboxDir: mkdtempSync(join(tmpdir(), 'mailbox-')), port: 0 });
});
afterAll(async () => {
  await smtp?.close();
});

/** Opens a connection, starts a message (MAIL FROM accepted), then resets the connection (RST). */
function resetMidMessage(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const steps = ['EHLO killed.example\r\n', 'MAIL FROM:<a@killed.example>\r\n'];
    let heard = '';
    socket.once('error', reject);
    socket.on('data', (chunk: Buffer) => {
      heard += chunk.toString();
      // Each reply ends with a line "NNN text" (no dash after the code).
      if (!/(^|\n)\d{3} [^\n]*\r\n$/.test(heard)) return;
      heard = '';
      const next = steps.shift();
      if (next) return void socket.write(next);
      socket.resetAndDestroy();
      resolve();
    });
  });
}

test('connections reset mid-conversation, again and again, leave the server taking mail', async () => {
  for (let i = 0; i < 5; i++) await resetMidMessage(smtp.port);
  const mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, '述职评议 <shuzhi@localhost>');
  await mailer.send({ to: 'after@school.example', subject: 'after the resets', text: 'still here', html: '<p>still here</p>', messageId: '<after@shuzhi>' });
  mailer.close();
  expect(smtp.mailbox.list({ to: 'after@school.example' })).toHaveLength(1);
});
