// Page texts: zh-CN by default, English by the switch in the header (a cookie).
import type { Locale } from '../domain/vocabulary';

const TEXTS = {
  appName: { 'zh-CN': '述职评议', en: 'Shuzhi annual reports' },
  signOut: { 'zh-CN': '退出', en: 'Sign out' },
  home: { 'zh-CN': '首页', en: 'Home' },
  myReports: { 'zh-CN': '我的述职报告', en: 'My reports' },
  reviewQueue: { 'zh-CN': '审阅队列', en: 'Review queue' },
  seasons: { 'zh-CN': '述职季度', en: 'Seasons' },
  mailbox: { 'zh-CN': '演示邮箱', en: 'Demo mailbox' },
  signInTitle: { 'zh-CN': '登录', en: 'Sign in' },
  signInHelp: {
    'zh-CN': '请使用邮件中的个人登录链接。链接只能使用一次，过期后可在此获取新链接。',
    en: 'Use the personal sign-in link from your mail. A link works once; when it has expired or been used, ask for a new one here.',
  },
  email: { 'zh-CN': '邮箱', en: 'Email' },
  sendLink: { 'zh-CN': '发送登录链接', en: 'Send me a sign-in link' },
  linkSent: {
    'zh-CN': '如果该邮箱已登记，登录链接已发送，请查收邮件。',
    en: 'If this address is registered, a sign-in link is on its way.',
  },
  linkRefused_forged: { 'zh-CN': '登录链接无效。', en: 'This sign-in link is not valid.' },
  linkRefused_expired: { 'zh-CN': '登录链接已过期。', en: 'This sign-in link has expired.' },
  linkRefused_used: { 'zh-CN': '登录链接已被使用过。', en: 'This sign-in link has already been used.' },
  forbidden: { 'zh-CN': '您无权查看此页面。', en: 'You may not see this page.' },
  notFound: { 'zh-CN': '页面不存在。', en: 'Page not found.' },
  csrfRefused: {
    'zh-CN': '请求来源无法验证，已拒绝。请刷新页面后重试。',
    en: 'The request could not be verified and was refused. Reload the page and try again.',
  },
  dueDate: { 'zh-CN': '截止日期', en: 'Due date' },
  daysLeft: { 'zh-CN': '剩余天数', en: 'Days left' },
  overdueBy: { 'zh-CN': '已逾期（天）', en: 'Days overdue' },
  state: { 'zh-CN': '状态', en: 'State' },
  branch: { 'zh-CN': '支部', en: 'Branch' },
  secretary: { 'zh-CN': '书记', en: 'Secretary' },
  rating: { 'zh-CN': '评价', en: 'Rating' },
  saveDraft: { 'zh-CN': '保存草稿', en: 'Save draft' },
  check: { 'zh-CN': '提交前检查', en: 'Check' },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  warningsNotAccepted: {
    'zh-CN': '报告有以下提醒：请修改后再提交，或核对无误后勾选“仍要提交”。',
    en: 'The report has warnings: fix them, or tick "submit anyway" once you have checked them.',
  },
  acceptWarnings: { 'zh-CN': '已核对以上提醒，仍要提交', en: 'I have read the warnings; submit anyway' },
  uploadDocx: { 'zh-CN': '上传 Word 草稿（.docx）', en: 'Upload a Word draft (.docx)' },
  preamble: { 'zh-CN': '标题与开头', en: 'Title and opening' },
  autosaved: { 'zh-CN': '已自动保存', en: 'Saved' },
  versions: { 'zh-CN': '版本', en: 'Versions' },
  comments: { 'zh-CN': '审阅意见', en: 'Review comments' },
  onVersion: { 'zh-CN': '针对版本', en: 'on version' },
  diff: { 'zh-CN': '对比', en: 'Compare' },
  figures: { 'zh-CN': '报告数据', en: 'Figures' },
  timeline: { 'zh-CN': '时间线', en: 'Timeline' },
  requestRevision: { 'zh-CN': '退回修改', en: 'Request revision' },
  passReview: { 'zh-CN': '审阅通过', en: 'Pass review' },
  approve: { 'zh-CN': '批准', en: 'Approve' },
  comment: { 'zh-CN': '意见', en: 'Comment' },
  unreviewedReason: {
    'zh-CN': '未经审阅直接审批的理由（仅领导，季度允许时填写）',
    en: 'Reason for approving without review (leadership, where the season allows it)',
  },
  bulkApprove: { 'zh-CN': '批量批准所选报告', en: 'Approve the selected reports' },
  selectAll: { 'zh-CN': '全选', en: 'Select all' },
  oneRatingForAll: { 'zh-CN': '统一评价', en: 'One rating for all' },
  perReport: { 'zh-CN': '逐份评价', en: 'Per report' },
  confirmBulk: { 'zh-CN': '确认批准', en: 'Confirm approval' },
  results: { 'zh-CN': '结果', en: 'Results' },
  filter: { 'zh-CN': '筛选', en: 'Filter' },
  overdueOnly: { 'zh-CN': '仅逾期', en: 'Overdue only' },
  any: { 'zh-CN': '全部', en: 'Any' },
  subtree: { 'zh-CN': '组织范围', en: 'Subtree' },
  countsByState: { 'zh-CN': '各状态数量', en: 'Reports by state' },
  progressOverTime: { 'zh-CN': '提交进度', en: 'Submissions over time' },
  ratings: { 'zh-CN': '评价分布', en: 'Ratings' },
  overdueList: { 'zh-CN': '逾期名单', en: 'Overdue' },
  told: { 'zh-CN': '已提醒', en: 'Told' },
  extend: { 'zh-CN': '延期', en: 'Extend' },
  reassign: { 'zh-CN': '更换书记', en: 'Reassign' },
  remindNow: { 'zh-CN': '立即提醒', en: 'Remind now' },
  exempt: { 'zh-CN': '免于述职', en: 'Exempt' },
  closeSeason: { 'zh-CN': '结束本季度', en: 'Close the season' },
  export: { 'zh-CN': '导出', en: 'Export' },
  done: { 'zh-CN': '已完成。', en: 'Done.' },
  nothingHere: { 'zh-CN': '暂无内容。', en: 'Nothing here.' },
} as const satisfies Record<string, Record<Locale, string>>;

export type TextKey = keyof typeof TEXTS;
export type Translate = (key: TextKey) => string;

export const translator =
  (locale: Locale): Translate =>
  (key) =>
    TEXTS[key][locale];

export { stateName } from '../domain/vocabulary';

const SEASON_STATUS_NAMES: Record<string, Record<Locale, string>> = {
  draft: { 'zh-CN': '未启动', en: 'not started' },
  running: { 'zh-CN': '进行中', en: 'running' },
  closed: { 'zh-CN': '已结束', en: 'closed' },
};

export const seasonStatusName = (status: string, locale: Locale) => SEASON_STATUS_NAMES[status]?.[locale] ?? status;
