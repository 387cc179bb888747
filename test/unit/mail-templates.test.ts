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

describe('what a notice says about time is true', () => {
  test.each([
    [5, '5分钟'],
    [3, '3分钟'],
    [1, '1分钟'],
    [12 * 60, '12小时'],
  ])('a reminder %d minutes before the due date says so, not "1小时" or "1天"', (minutes, words) => {
    const mail = renderMail('reminder', 'zh-CN', { ...values, timeLeftMs: String(minutes * 60_000) });
    expect(mail.subject).toBe(`【述职提醒】距截止还有${words}`);
    expect(mail.text).toContain(`距截止还有${words}，`);
  });

  test('an escalation two minutes after the due date says two minutes, not a day', () => {
    const mail = renderMail('escalation', 'zh-CN', { ...values, secretaryName: '李书记', overdueMs: String(2 * 60_000) });
    expect(mail.text).toContain('（书记：李书记）的述职报告已于 2026-12-31 23:59 截止，逾期2分钟仍未提交');
    expect(renderMail('escalation', 'en', { ...values, secretaryName: 'Li', overdueMs: String(26 * 3_600_000) }).text).toContain('is 1 day 2 hours overdue');
  });

  test('a notice that stands for notices held back says they were merged, not that the system was down', () => {
    const held = renderMail('reminder', 'zh-CN', { ...values, overdue: 'yes', missed: '2', heldByNoticeGap: 'yes' });
    expect(held.text).toContain('另有 2 次提醒合并到本邮件一并告知');
    expect(held.text).not.toContain('系统恢复运行前');
    expect(renderMail('reminder', 'zh-CN', { ...values, overdue: 'yes', missed: '2' }).text).toContain('系统恢复运行前，另有 2 次提醒');
  });
});
