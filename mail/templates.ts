// Mail texts, zh-CN first with English beside them. Each kind renders a subject, plain text and
// HTML from the same lines, so the two bodies never say different things.
import { durationInWords } from '../domain/duration-words';
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

/** The time left before the due date, as it really is (domain/duration-words.ts). */
const timeLeft = (v: Values, locale: Locale): string => durationInWords(Number(v.timeLeftMs ?? 0), locale);
/** How long past the due date an escalation is sent. */
const overdueFor = (v: Values, locale: Locale): string => durationInWords(Number(v.overdueMs ?? 0), locale);

const zh = (subject: string, action: string, ...lines: string[]): MailText => ({ subject, action, lines });
const en = zh;

const TEXTS: Record<MailKind, Record<Locale, (v: Values) => MailText>> = {
  assignment: {
    'zh-CN': (v) =>
      zh(
        `【述职任务】${v.seasonTitle}`,
        '撰写述职报告',
        `${v.recipientName}同志：您好！`,
        `${v.branchName}的述职报告已分配给您，请于 ${v.dueDate}（${v.timeZone}）前完成撰写并提交。`,
        '报告应包括：一、主要工作；二、存在的主要问题及原因；三、下步工作思路和主要措施。',
      ),
    en: (v) =>
      en(
        `[Report assigned] ${v.seasonTitle}`,
        'Write the report',
        `Dear ${v.recipientName},`,
        `The annual report of ${v.branchName} is assigned to you. Please write and submit it by ${v.dueDate} (${v.timeZone}).`,
        'It should cover: 1. main work; 2. main problems and their causes; 3. plans and measures for next year.',
      ),
  },
  reminder: {
    'zh-CN': (v) =>
      zh(
        v.overdue === 'yes' ? `【述职逾期】${v.branchName}述职报告已逾期` : `【述职提醒】距截止还有${timeLeft(v, 'zh-CN')}`,
        '撰写述职报告',
        `${v.recipientName}同志：您好！`,
        v.overdue === 'yes'
          ? `${v.branchName}的述职报告已于 ${v.dueDate} 截止，至今尚未提交，请尽快提交。`
          : `${v.branchName}的述职报告将于 ${v.dueDate}（${v.timeZone}）截止，距截止还有${timeLeft(v, 'zh-CN')}，请及时提交。`,
      ),
    en: (v) =>
      en(
        v.overdue === 'yes' ? `[Report overdue] ${v.branchName}` : `[Reminder] ${timeLeft(v, 'en')} left to submit`,
        'Write the report',
        `Dear ${v.recipientName},`,
        v.overdue === 'yes'
          ? `The report of ${v.branchName} was due on ${v.dueDate} and has not been submitted. Please submit it as soon as possible.`
          : `The report of ${v.branchName} is due on ${v.dueDate} (${v.timeZone}), ${timeLeft(v, 'en')} from now.`,
      ),
  },
  escalation: {
    'zh-CN': (v) =>
      zh(
        `【述职督办】${v.branchName}述职报告逾期未交`,
        '查看报告进度',
        `${v.recipientName}同志：您好！`,
        `${v.branchName}（书记：${v.secretaryName}）的述职报告已于 ${v.dueDate} 截止，逾期${overdueFor(v, 'zh-CN')}仍未提交，请督促落实。`,
      ),
    en: (v) =>
      en(
        `[Escalation] ${v.branchName} has not submitted its report`,
        'See the report',
        `Dear ${v.recipientName},`,
        `The report of ${v.branchName} (secretary: ${v.secretaryName}) was due on ${v.dueDate} and is ${overdueFor(v, 'en')} overdue. Please follow up.`,
      ),
  },
  revision_requested: {
    'zh-CN': (v) =>
      zh(
        `【退回修改】${v.branchName}述职报告`,
        '修改述职报告',
        `${v.recipientName}同志：您好！`,
        `您提交的述职报告（第 ${v.version} 版）需要修改，请于 ${v.dueDate} 前修改后重新提交。`,
        `审阅意见：${v.comment}`,
      ),
    en: (v) =>
      en(
        `[Revision requested] ${v.branchName}`,
        'Revise the report',
        `Dear ${v.recipientName},`,
        `Your report (version ${v.version}) needs a revision. Please revise and resubmit it by ${v.dueDate}.`,
        `Comments: ${v.comment}`,
      ),
  },
  approved: {
    'zh-CN': (v) =>
      zh(
        `【审批通过】${v.branchName}述职报告`,
        '查看述职报告',
        `${v.recipientName}同志：您好！`,
        `您的述职报告已审批通过，评价等次：${v.rating}。`,
        v.comment ? `意见：${v.comment}` : '',
      ),
    en: (v) =>
      en(
        `[Approved] ${v.branchName}`,
        'See the report',
        `Dear ${v.recipientName},`,
        `Your report has been approved with the rating ${v.rating}.`,
        v.comment ? `Comment: ${v.comment}` : '',
      ),
  },
  extension: {
    'zh-CN': (v) =>
      zh(
        `【延期通知】${v.branchName}述职报告截止时间调整`,
        '撰写述职报告',
        `${v.recipientName}同志：您好！`,
        `${v.branchName}的述职报告截止时间已调整为 ${v.dueDate}（${v.timeZone}）。`,
      ),
    en: (v) =>
      en(
        `[Extended] New due date for ${v.branchName}`,
        'Write the report',
        `Dear ${v.recipientName},`,
        `The report of ${v.branchName} is now due on ${v.dueDate} (${v.timeZone}).`,
      ),
  },
  sign_in: {
    'zh-CN': (v) =>
      zh('【述职评议】登录链接', '登录', `${v.recipientName}同志：您好！`, `请点击下方链接登录述职评议系统。链接仅能使用一次，${v.validFor}内有效。`),
    en: (v) =>
      en('[Shuzhi] Your sign-in link', 'Sign in', `Dear ${v.recipientName},`, `Use the link below to sign in. It works once and is valid for ${v.validFor}.`),
  },
  ballot: {
    'zh-CN': (v) =>
      zh(
        `【民主测评】${v.meetingTitle}`,
        '进行测评',
        `${v.recipientName}同志：您好！`,
        `请对本次述职的 ${v.reporters} 位述职人逐一评价（好、较好、一般、差），投票于 ${v.closesAt}（${v.timeZone}）截止。`,
        '本次测评为无记名投票：系统只记下这张选票已投，不记下您对每个人的评价与您本人的对应关系。选票只能投一次。',
      ),
    en: (v) =>
      en(
        `[Evaluation] ${v.meetingTitle}`,
        'Cast your ballot',
        `Dear ${v.recipientName},`,
        `Please grade each of the ${v.reporters} reporters (好 good, 较好 fairly good, 一般 fair, 差 poor). Voting closes at ${v.closesAt} (${v.timeZone}).`,
        'The vote is anonymous: the system records that this ballot was cast, never which grades came from you. A ballot can be cast once.',
      ),
  },
  rectification_assigned: {
    'zh-CN': (v) =>
      zh(
        `【整改任务】${v.branchName}`,
        '查看整改事项',
        `${v.recipientName}同志：您好！`,
        `党组点评指出${v.branchName}存在以下问题，请于 ${v.dueDate}（${v.timeZone}）前完成整改并报告进展、附佐证材料：`,
        `问题：${v.problem}`,
        v.measure ? `整改措施：${v.measure}` : '整改措施：请在报告进展时写明。',
      ),
    en: (v) =>
      en(
        `[Rectification] ${v.branchName}`,
        'Open the item',
        `Dear ${v.recipientName},`,
        `Leadership's feedback names a problem at ${v.branchName}. Please rectify it by ${v.dueDate} (${v.timeZone}) and report progress with evidence:`,
        `Problem: ${v.problem}`,
        v.measure ? `Measure: ${v.measure}` : 'Measure: say it when you report progress.',
      ),
  },
  rectification_reminder: {
    'zh-CN': (v) =>
      zh(
        v.overdue === 'yes' ? `【整改逾期】${v.branchName}整改事项已到期` : `【整改提醒】${v.branchName}整改事项将于 ${v.dueDate} 到期`,
        '报告整改进展',
        `${v.recipientName}同志：您好！`,
        v.overdue === 'yes'
          ? `以下整改事项已于 ${v.dueDate} 到期，尚未报告整改进展，请尽快报告：`
          : `以下整改事项将于 ${v.dueDate}（${v.timeZone}）到期，请及时报告整改进展：`,
        `问题：${v.problem}`,
      ),
    en: (v) =>
      en(
        v.overdue === 'yes' ? `[Rectification overdue] ${v.branchName}` : `[Reminder] rectification due ${v.dueDate}`,
        'Report progress',
        `Dear ${v.recipientName},`,
        v.overdue === 'yes'
          ? `This item fell due on ${v.dueDate} and no progress has been reported. Please report it soon:`
          : `This item falls due on ${v.dueDate} (${v.timeZone}). Please report progress in time:`,
        `Problem: ${v.problem}`,
      ),
  },
  rectification_escalation: {
    'zh-CN': (v) =>
      zh(
        `【整改逾期上报】${v.branchName}`,
        '查看整改事项',
        `${v.recipientName}同志：您好！`,
        `${v.branchName}的整改事项已于 ${v.dueDate} 到期，至今未报告整改进展，请督促落实。`,
        `问题：${v.problem}`,
      ),
    en: (v) =>
      en(
        `[Rectification escalated] ${v.branchName}`,
        'Open the item',
        `Dear ${v.recipientName},`,
        `${v.branchName}'s item fell due on ${v.dueDate} with no progress reported. Please follow it up.`,
        `Problem: ${v.problem}`,
      ),
  },
  rectification_progress: {
    'zh-CN': (v) =>
      zh(
        `【整改待验收】${v.branchName}`,
        '验收整改',
        `${v.recipientName}同志：您好！`,
        `${v.branchName}报告了以下整改事项的进展，请验收（销号）或退回：`,
        `问题：${v.problem}`,
      ),
    en: (v) =>
      en(
        `[Rectification to accept] ${v.branchName}`,
        'Review the progress',
        `Dear ${v.recipientName},`,
        `${v.branchName} reported progress on this item. Please accept it or send it back:`,
        `Problem: ${v.problem}`,
      ),
  },
  rectification_verdict: {
    'zh-CN': (v) =>
      zh(
        v.verdict === 'accepted' ? `【整改销号】${v.branchName}` : `【整改退回】${v.branchName}`,
        '查看整改事项',
        `${v.recipientName}同志：您好！`,
        v.verdict === 'accepted' ? `以下整改事项已验收销号：${v.problem}` : `以下整改事项的进展被退回，请继续整改后再次报告：${v.problem}`,
        v.comment ? `意见：${v.comment}` : '',
      ),
    en: (v) =>
      en(
        v.verdict === 'accepted' ? `[Rectification accepted] ${v.branchName}` : `[Rectification sent back] ${v.branchName}`,
        'Open the item',
        `Dear ${v.recipientName},`,
        v.verdict === 'accepted'
          ? `This item has been accepted and closed: ${v.problem}`
          : `Your progress on this item was sent back; please go on and report again: ${v.problem}`,
        v.comment ? `Comment: ${v.comment}` : '',
      ),
  },
  reassignment: {
    'zh-CN': (v) =>
      zh(
        `【任务调整】${v.branchName}述职报告已转交`,
        '',
        `${v.recipientName}同志：您好！`,
        `${v.branchName}的述职报告已改由 ${v.newSecretaryName} 负责，您无需再提交。感谢您此前的工作。`,
      ),
    en: (v) =>
      en(
        `[Reassigned] ${v.branchName}`,
        '',
        `Dear ${v.recipientName},`,
        `The report of ${v.branchName} is now in the hands of ${v.newSecretaryName}; nothing more is needed from you.`,
      ),
  },
  review_reminder: {
    'zh-CN': (v) =>
      zh(
        `【审阅提醒】${v.branchName}述职报告待审阅`,
        '审阅述职报告',
        `${v.recipientName}同志：您好！`,
        `${v.branchName}的述职报告已于 ${v.submittedAt} 提交，请于 ${v.reviewDue} 前完成审阅。`,
      ),
    en: (v) =>
      en(
        `[Review reminder] ${v.branchName}`,
        'Review the report',
        `Dear ${v.recipientName},`,
        `The report of ${v.branchName} was submitted on ${v.submittedAt}; please review it by ${v.reviewDue}.`,
      ),
  },
  review_escalation: {
    'zh-CN': (v) =>
      zh(
        `【审阅超时】${v.branchName}述职报告审阅逾期`,
        '查看报告',
        `${v.recipientName}同志：您好！`,
        `${v.branchName}的述职报告已于 ${v.submittedAt} 提交，审阅人${v.reviewerName}至 ${v.reviewDue} 仍未审阅，请协调处理。`,
      ),
    en: (v) =>
      en(
        `[Review overdue] ${v.branchName}`,
        'See the report',
        `Dear ${v.recipientName},`,
        `The report of ${v.branchName} was submitted on ${v.submittedAt}; its reviewer ${v.reviewerName} has not reviewed it by ${v.reviewDue}.`,
      ),
  },
};

/**
 * A notice that stands for earlier ones says how many: after an outage, or when notices to one
 * person came too close together and were held back (workflows/report-timers.ts).
 */
function missedLine(values: Values, locale: Locale): string {
  const missed = Number(values.missed ?? 0);
  if (!(missed > 0)) return '';
  if (values.heldByNoticeGap === 'yes') {
    return locale === 'zh-CN'
      ? `（为避免短时间内重复打扰，另有 ${missed} 次提醒合并到本邮件一并告知。）`
      : `(To avoid repeated mail within a short time, ${missed} other notice${missed > 1 ? 's were' : ' was'} merged into this one.)`;
  }
  return locale === 'zh-CN'
    ? `（系统恢复运行前，另有 ${missed} 次提醒未能按时发出，本邮件一并告知。）`
    : `(While the system was down, ${missed} earlier notice${missed > 1 ? 's' : ''} could not be sent on time; this one stands for ${missed > 1 ? 'them' : 'it'}.)`;
}

export function renderMail(kind: MailKind, locale: Locale, values: Values): RenderedMail {
  const text = TEXTS[kind][locale](values);
  text.lines = [...text.lines, missedLine(values, locale)].filter(Boolean);
  const link = values.link;
  const footer = locale === 'zh-CN' ? '此邮件由述职评议系统自动发送。' : 'Sent by the Shuzhi reporting system.';
  const linkLine = link ? `${text.action || (locale === 'zh-CN' ? '链接' : 'Link')}${locale === 'zh-CN' ? '：' : ': '}${link}` : '';
  const plain = [...text.lines, '', linkLine, '', footer].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    ...text.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(text.action || link)}</a></p>` : '',
    `<p style="color:#888;font-size:12px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: text.subject, text: plain, html };
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;
const EVERY_SPECIAL = /[&<>"']/g;

// One pass, and none for the common string with nothing to escape: a dashboard escapes about a
// thousand values a view (bench/README.md, change 17).
export function escapeHtml(value: string): string {
  return SPECIAL.test(value) ? value.replace(EVERY_SPECIAL, (special) => ENTITIES[special] as string) : value;
}
