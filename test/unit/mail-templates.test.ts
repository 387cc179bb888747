import { renderMail } from '../../mail/templates';

const values = {
  recipientName: '周书记',
  seasonTitle: '2026年度述职评议',
  branchName: '第一中学党支部',
  dueDate: '2026-12-31 23:59',
  timeZone: 'Asia/Shanghai',
  link: 'https://shuzhi.example/reports/x',
};

describe('mail templates', () => {
  test('the assignment mail is in Chinese with the link in both bodies', () => {
    const mail = renderMail('assignment', 'zh-CN', values);
    expect(mail.subject).toBe('【述职任务】2026年度述职评议');
    expect(mail.text).toContain('第一中学党支部的述职报告已分配给您');
    expect(mail.text).toContain(values.link);
    expect(mail.html).toContain(`href="${values.link}"`);
  });

  test('English is available per person', () => {
    expect(renderMail('assignment', 'en', values).subject).toBe('[Report assigned] 2026年度述职评议');
  });

  test('values are escaped in HTML', () => {
    const mail = renderMail('assignment', 'zh-CN', { ...values, branchName: '<script>alert(1)</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });
});
