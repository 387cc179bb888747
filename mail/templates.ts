// Mail texts, zh-CN first with English beside them. Each kind renders a subject, plain text and
// HTML from the same lines, so the two bodies never say different things.
import type { Locale, MailKind } from '../domain/vocabulary';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface MailText {
  subject: string;
  lines: string[];
  action: string; // the label of the link button
}

type Values = Record<string, string>;

const TEXTS: Partial<Record<MailKind, Record<Locale, (v: Values) => MailText>>> = {
  assignment: {
    'zh-CN': (v) => ({
      subject: `【述职任务】${v.seasonTitle}`,
      lines: [
        `${v.recipientName}同志：您好！`,
        `${v.branchName}的述职报告已分配给您，请于 ${v.dueDate}（${v.timeZone}）前完成撰写并提交。`,
        '报告应包括：一、主要工作；二、存在的主要问题及原因；三、下步工作思路和主要措施。',
      ],
      action: '撰写述职报告',
    }),
    en: (v) => ({
      subject: `[Report assigned] ${v.seasonTitle}`,
      lines: [
        `Dear ${v.recipientName},`,
        `The annual report of ${v.branchName} is assigned to you. Please write and submit it by ${v.dueDate} (${v.timeZone}).`,
        'It should cover: 1. main work; 2. main problems and their causes; 3. plans and measures for next year.',
      ],
      action: 'Write the report',
    }),
  },
};

export function renderMail(kind: MailKind, locale: Locale, values: Values): RenderedMail {
  const byLocale = TEXTS[kind];
  if (!byLocale) throw new Error(`no mail template for kind "${kind}"`);
  const text = byLocale[locale](values);
  const link = values.link;
  const footer = locale === 'zh-CN' ? '此邮件由述职评议系统自动发送。' : 'Sent by the Shuzhi reporting system.';
  const plain = [...text.lines, '', link ? `${text.action}: ${link}` : '', '', footer].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    ...text.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(text.action)}</a></p>` : '',
    `<p style="color:#888;font-size:12px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: text.subject, text: plain, html };
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
