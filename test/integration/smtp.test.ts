// Mail leaves through nodemailer and reaches a real SMTP server (the embedded capture server).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActivities, systemClock } from '../../activities';
import { messageIdFor } from '../../activities/mail-activities';
import { startCaptureServer, type CaptureServer } from '../../mail/capture-server';
import { createSmtpMailer, type Mailer } from '../../mail/mailer';
import { importSeason } from '../../db/season-import';
import { describeEachDatabase, type ScratchDatabase } from '../helpers/databases';
import { demoSeason } from '../helpers/seasons';
import { TEST_AUDIT_KEY } from '../helpers/audit-key';
import { at } from '../helpers/at';

describeEachDatabase('mail through the SMTP capture server', (kind) => {
  let smtp: CaptureServer;
  let mailer: Mailer;
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    smtp = await startCaptureServer({ mailboxDir: mkdtempSync(join(tmpdir(), 'mailbox-')), port: 0 });
    mailer = createSmtpMailer(`smtp://127.0.0.1:${smtp.port}`, '述职评议 <shuzhi@localhost>');
    scratch = await kind.create();
    await importSeason(scratch.db, demoSeason(), { email: 'zuzhi@bureau.example', channel: 'cli' }, TEST_AUDIT_KEY);
  });
  afterAll(async () => {
    mailer?.close();
    await smtp?.close();
    await scratch?.drop();
  });

  test('a sent mail is kept with its subject, plain text and HTML', async () => {
    await mailer.send({
      to: 'shuji.jiguan@bureau.example',
      subject: '【述职任务】测试',
      text: '请提交述职报告',
      html: '<p>请提交述职报告</p>',
      messageId: '<probe-1@shuzhi>',
    });
    const summary = at(smtp.mailbox.list({ to: 'shuji.jiguan@bureau.example' }), 0, 'mail');
    expect(summary.subject).toBe('【述职任务】测试');
    const mail = await smtp.mailbox.read(summary.id);
    expect(mail.text.trim()).toBe('请提交述职报告');
    expect(mail.html).toContain('<p>请提交述职报告</p>');
  });

  test('the sendMail activity sends once per idempotency key and logs it', async () => {
    const { sendMail } = createActivities({
      db: scratch.db,
      mailer,
      clock: systemClock,
      publicBaseUrl: 'http://127.0.0.1:3000',
      auditKey: TEST_AUDIT_KEY,
    });
    const request = {
      idempotencyKey: 'report/demo-2026/no1-middle-school/assignment-mail',
      kind: 'assignment' as const,
      toEmail: 'shuji.yizhong@school.example',
      seasonId: 'demo-2026',
      reportId: 'demo-2026/no1-middle-school',
      requestedAt: '2026-11-25T08:00:00.000Z',
      values: {
        seasonTitle: '2026年度述职评议',
        branchName: '第一中学党支部',
        dueDate: '2026-12-31 23:59',
        timeZone: 'Asia/Shanghai',
        linkPath: '/reports/demo-2026%2Fno1-middle-school',
      },
    };
    expect(await sendMail(request)).toBe(true);
    expect(await sendMail(request)).toBe(false);

    const received = smtp.mailbox.list({ to: 'shuji.yizhong@school.example' });
    expect(received).toHaveLength(1);
    const mail = await smtp.mailbox.read(at(received, 0).id);
    expect(mail.text).toContain('周书记（第一中学）同志');
    expect(mail.text).toContain('http://127.0.0.1:3000/reports/demo-2026%2Fno1-middle-school');
    const logged = await scratch.db.sentMail.findUniqueOrThrow({ where: { idempotencyKey: request.idempotencyKey } });
    expect(logged).toMatchObject({
      status: 'sent',
      kind: 'assignment',
      toAddress: request.toEmail,
      subject: at(received, 0).subject,
      seasonId: 'demo-2026',
      reportId: 'demo-2026/no1-middle-school',
      messageId: at(received, 0).messageId,
      requestedAt: new Date(request.requestedAt),
    });
    expect(logged.sentAt?.getTime()).toBeGreaterThanOrEqual(logged.createdAt.getTime());
  });

  test('while SMTP is down the activity fails (Temporal retries it); once SMTP is back it is delivered once', async () => {
    const port = smtp.port;
    const { sendMail } = createActivities({ db: scratch.db, mailer, clock: systemClock, publicBaseUrl: 'http://127.0.0.1:3000', auditKey: TEST_AUDIT_KEY });
    const request = {
      idempotencyKey: 'report/demo-2026/bureau-office/assignment-mail',
      kind: 'assignment' as const,
      toEmail: 'shuji.jiguan@bureau.example',
      values: { seasonTitle: '述职', branchName: '局机关党支部', dueDate: '2026-12-31 23:59', timeZone: 'Asia/Shanghai' },
    };
    const mailboxDir = smtp.mailbox.dir;
    await smtp.close();
    await expect(sendMail(request)).rejects.toThrow();
    expect(await scratch.db.sentMail.findUniqueOrThrow({ where: { idempotencyKey: request.idempotencyKey } })).toMatchObject({ status: 'sending' });

    smtp = await startCaptureServer({ mailboxDir, port });
    expect(await sendMail(request)).toBe(true);
    expect(await sendMail(request)).toBe(false);
    expect(smtp.mailbox.list().filter((m) => m.messageId === messageIdFor(request.idempotencyKey))).toHaveLength(1);
  });

  test('a message delivered twice with the same Message-ID is kept once', async () => {
    const mail = { to: 'dup@bureau.example', subject: 'dup', text: 'x', html: '<p>x</p>', messageId: '<dup@shuzhi>' };
    await mailer.send(mail);
    await mailer.send(mail);
    expect(smtp.mailbox.list({ to: 'dup@bureau.example' })).toHaveLength(1);
  });
});
