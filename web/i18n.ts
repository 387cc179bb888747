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
  linkRefused_superseded: {
    'zh-CN': '此后又发出了新的登录链接，这个链接已失效。请使用最新一封邮件中的链接，或在下方重新获取。',
    en: 'A newer sign-in link was sent since, so this one no longer works. Use the link in the newest mail, or ask for one below.',
  },
  // A mailed link opens a page with one button: only pressing it uses the link (mail scanners open links).
  continueSignInTitle: { 'zh-CN': '继续登录', en: 'Continue signing in' },
  continueSignInHelp: {
    'zh-CN': '请点击下方按钮完成登录。链接只能使用一次，点击后即失效。',
    en: 'Press the button to sign in. The link works once, and pressing it uses it up.',
  },
  continueSignIn: { 'zh-CN': '继续登录', en: 'Continue' },
  sessionEnded: {
    'zh-CN': '登录已过期，请重新登录。您输入的内容已保存在本浏览器中，不会丢失。',
    en: 'Your session has ended: sign in again. What you typed is kept in this browser and is not lost.',
  },
  forbidden: { 'zh-CN': '您无权查看此页面。', en: 'You may not see this page.' },
  notFound: { 'zh-CN': '页面不存在。', en: 'Page not found.' },
  requestTooLarge: {
    'zh-CN': '提交的内容过大，未保存。请删减后重试。',
    en: 'What was sent is too large and was not saved. Shorten it and try again.',
  },
  requestRefused: {
    'zh-CN': '请求无法处理，未作任何改动。请返回上一页重试。',
    en: 'The request could not be handled; nothing was changed. Go back and try again.',
  },
  tooManyRequests: {
    'zh-CN': '请求过于频繁，请过一刻钟再试。已发出的登录链接仍可使用，请查看邮箱。',
    en: 'Too many requests; try again in a quarter of an hour. A sign-in link already sent still works: check your mail.',
  },
  serverError: {
    'zh-CN': '系统出错，未作任何改动，错误已记录。请稍后重试；如仍不行，请联系管理员。',
    en: 'Something went wrong on our side; nothing was changed, and the error was logged. Try again later, or tell the admin if it persists.',
  },
  csrfRefused: {
    'zh-CN': '请求来源无法验证，已拒绝。请刷新页面后重试。',
    en: 'The request could not be verified and was refused. Reload the page and try again.',
  },
  // The Temporal Web UI's codec endpoint (web/routes/codec.ts): its refusals, as JSON.
  codecSignIn: { 'zh-CN': '请先登录述职评议，再在 Temporal 界面查看数据。', en: 'Sign in to Shuzhi first to read data in the Temporal UI.' },
  codecAdminsOnly: { 'zh-CN': '只有述职季度管理员可以在 Temporal 界面查看数据。', en: 'Only season admins may read data in the Temporal UI.' },
  codecOriginRefused: { 'zh-CN': '此来源不能使用解码服务。', en: 'This origin may not use the codec.' },
  codecNamespaceRefused: { 'zh-CN': '此命名空间不由本应用解码。', en: 'This app does not decode that namespace.' },
  codecBadPayloads: { 'zh-CN': '请求应为 JSON：{ "payloads": [...] }。', en: 'Send JSON: { "payloads": [...] }.' },
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
  // The editor's safety net (web/pages/editor-safety.ts, web/public/app.js): nothing typed is lost.
  autosavedAt: { 'zh-CN': '已自动保存（{time}）', en: 'Saved automatically at {time}' },
  savedVersion: { 'zh-CN': '已保存为第 {n} 版', en: 'Saved as version {n}' },
  keptInBrowser: { 'zh-CN': '尚未保存到服务器，已暂存在本浏览器中。', en: 'Not saved to the server yet; kept in this browser.' },
  restoredLocal: {
    'zh-CN': '已恢复您在本浏览器中输入、尚未保存到服务器的内容。',
    en: 'The text you typed in this browser that had not reached the server is back.',
  },
  serverUnreachable: {
    'zh-CN': '暂时无法连接服务器，内容已暂存在本浏览器中，恢复连接后会自动保存。',
    en: 'The server cannot be reached; the text is kept in this browser and is saved once it can be.',
  },
  workingCopyOpened: {
    'zh-CN': '这里显示的是 {time} 自动保存的内容（尚未保存为版本）。点击“保存草稿”可将其保存为一个版本。',
    en: 'This is the text saved automatically at {time}, not yet kept as a version. Press "Save draft" to keep it as one.',
  },
  signInAgainTitle: { 'zh-CN': '请重新登录', en: 'Sign in again' },
  signInAgainHelp: {
    'zh-CN':
      '登录已过期，刚输入的内容还没有保存到服务器，但已保存在本浏览器中，不会丢失。请发送新的登录链接到您的邮箱，打开邮件中的链接即可回到本页，内容原样保留。',
    en: 'Your session has ended, so what you just typed has not reached the server; it is kept in this browser and is not lost. Have a new sign-in link mailed to you: it brings you back to this page with your text as you left it.',
  },
  mailNewLink: { 'zh-CN': '发送新的登录链接到我的邮箱', en: 'Mail me a new sign-in link' },
  newLinkSent: { 'zh-CN': '登录链接已发送，请查收邮件并打开其中的链接。', en: 'A sign-in link is on its way: open it from your mail.' },
  signedInAgain: { 'zh-CN': '我已重新登录，继续', en: 'I have signed in again: continue' },
  versions: { 'zh-CN': '版本', en: 'Versions' },
  comments: { 'zh-CN': '审阅意见', en: 'Review comments' },
  onVersion: { 'zh-CN': '针对版本', en: 'on version' },
  diff: { 'zh-CN': '对比', en: 'Compare' },
  // The comparison of two versions ({n} is filled in by the page).
  compareTitle: { 'zh-CN': '版本对比', en: 'Compare versions' },
  compareWithLast: { 'zh-CN': '与上次提交对比', en: 'Compare with the last submission' },
  compareFrom: { 'zh-CN': '原版本', en: 'Earlier version' },
  compareTo: { 'zh-CN': '新版本', en: 'Later version' },
  compareShow: { 'zh-CN': '查看对比', en: 'Compare' },
  compareLegend: { 'zh-CN': '图例：', en: 'Key: ' },
  compareAddedMark: { 'zh-CN': '加下划线', en: 'underlined' },
  compareAdded: { 'zh-CN': ' 为新增的文字；', en: ' marks words added; ' },
  compareRemovedMark: { 'zh-CN': '加删除线', en: 'struck through' },
  compareRemoved: { 'zh-CN': ' 为删去的文字。', en: ' marks words removed.' },
  comparePair: { 'zh-CN': '{from} → {to}：', en: '{from} → {to}: ' },
  versionWithKind: { 'zh-CN': '第 {n} 版（{kind}）', en: 'Version {n} ({kind})' },
  compareLineBreak: { 'zh-CN': '换行', en: 'line break' },
  compareChanges: { 'zh-CN': '共 {n} 处改动。', en: 'Changes: {n}.' },
  compareSame: { 'zh-CN': '两个版本的内容相同。', en: 'The two versions have the same text.' },
  compareOnlyOne: { 'zh-CN': '目前只有一个版本，还没有可对比的内容。', en: 'There is only one version so far: nothing to compare.' },
  versionNumbered: { 'zh-CN': '第 {n} 版', en: 'Version {n}' },
  backToReport: { 'zh-CN': '返回报告：', en: 'Back to the report: ' },
  // A finding shown under the editor box it is about ({n}: paragraph in the box; {context}: its words).
  findingPlaceholderAt: { 'zh-CN': '第 {n} 段有未填写的占位符：{context}', en: 'Paragraph {n} has an unfilled placeholder: {context}' },
  findingEmptySection: { 'zh-CN': '这一部分还没有内容。', en: 'This section has no text yet.' },
  findingGoTo: { 'zh-CN': '点击定位到这里', en: 'Select it in the text' },
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
  // Bulk approval: a row's own rating wins; the rating for all fills only rows left without one.
  ratingForAllHelp: {
    'zh-CN': '未逐份选择评价的报告，统一评为',
    en: 'Every selected report not rated on its own row gets',
  },
  selectReport: { 'zh-CN': '选择', en: 'Select' },
  bulkConfirmHelp: {
    'zh-CN': '请核对每份报告及其评价。确认后逐份批准，每份都记入台账。',
    en: 'Check each report and its rating. On confirming, each is approved and recorded on its own.',
  },
  bulkMissingRating: {
    'zh-CN': '以下报告还没有评价，尚未批准任何报告。请在下表为其选择评价后再确认：',
    en: 'These reports have no rating yet, so nothing has been approved. Choose a rating for each below, then confirm: ',
  },
  bulkNothingSelected: {
    'zh-CN': '没有勾选任何报告。请回到审阅队列，勾选要批准的报告。',
    en: 'No report was selected. Go back to the review queue and tick the reports to approve.',
  },
  bulkOutcome_approved: { 'zh-CN': '已批准', en: 'Approved' },
  bulkOutcome_skipped: { 'zh-CN': '未处理', en: 'Left as it was' },
  bulkOutcome_not_permitted: { 'zh-CN': '无权批准', en: 'Not permitted' },
  bulkOutcome_failed: { 'zh-CN': '未成功', en: 'Failed' },
  confirmBulk: { 'zh-CN': '确认批准', en: 'Confirm approval' },
  results: { 'zh-CN': '结果', en: 'Results' },
  filter: { 'zh-CN': '筛选', en: 'Filter' },
  overdueOnly: { 'zh-CN': '仅逾期', en: 'Overdue only' },
  any: { 'zh-CN': '全部', en: 'Any' },
  subtree: { 'zh-CN': '组织范围', en: 'Subtree' },
  countsByState: { 'zh-CN': '各状态数量', en: 'Reports by state' },
  progressOverTime: { 'zh-CN': '提交进度', en: 'Submissions over time' },
  chartFigures: { 'zh-CN': '查看每日累计数字', en: 'Running totals by day' },
  day: { 'zh-CN': '日期', en: 'Day' },
  ratings: { 'zh-CN': '评价分布', en: 'Ratings' },
  overdueList: { 'zh-CN': '逾期名单', en: 'Overdue' },
  told: { 'zh-CN': '已提醒', en: 'Told' },
  extend: { 'zh-CN': '延期', en: 'Extend' },
  reassign: { 'zh-CN': '更换书记', en: 'Reassign' },
  remindNow: { 'zh-CN': '立即提醒', en: 'Remind now' },
  exempt: { 'zh-CN': '免于述职', en: 'Exempt' },
  closeSeason: { 'zh-CN': '结束本季度', en: 'Close the season' },
  export: { 'zh-CN': '导出', en: 'Export' },
  csvForPrograms: { 'zh-CN': '英文列名，供程序读取', en: 'English column names, for programs' },
  done: { 'zh-CN': '已完成。', en: 'Done.' },
  nothingHere: { 'zh-CN': '暂无内容。', en: 'Nothing here.' },
  // Each person's next step: the to-do list, the step indicator, the send-back banner.
  todo: { 'zh-CN': '待办', en: 'To do' },
  nothingToDo: { 'zh-CN': '目前没有需要您办理的事项。', en: 'Nothing is waiting for you.' },
  todoWrite: { 'zh-CN': '撰写并提交述职报告', en: 'Write and submit the report' },
  todoRevise: { 'zh-CN': '按审阅意见修改后重新提交', en: 'Revise as the reviewer asked and resubmit' },
  todoReview: { 'zh-CN': '审阅述职报告', en: 'Review the report' },
  todoApprove: { 'zh-CN': '审批已通过审阅的报告', en: 'Approve the reports that passed review' },
  todoOverdue: { 'zh-CN': '督促逾期未交的支部', en: 'Follow up the overdue branches' },
  reportsCount: { 'zh-CN': '{n} 份', en: '{n} reports' },
  whatToDo: { 'zh-CN': '事项', en: 'What' },
  byWhen: { 'zh-CN': '期限', en: 'By when' },
  progress: { 'zh-CN': '办理进度', en: 'Progress' },
  sendBackTitle: { 'zh-CN': '审阅意见：请按意见修改后重新提交', en: 'Sent back: revise as the reviewer asks, then resubmit' },
  revisionDue: { 'zh-CN': '修改截止', en: 'Revision due' },
  revisionComment: { 'zh-CN': '退回修改的意见', en: 'What to revise' },
  chooseRating: { 'zh-CN': '请选择评价', en: 'Choose a rating' },
  // Admin forms: every field labelled, in words; the server checks each again.
  adminActions: { 'zh-CN': '管理操作', en: 'Admin actions' },
  extendUntil: { 'zh-CN': '延至', en: 'Until' },
  newSecretaryEmail: { 'zh-CN': '新书记邮箱', en: "New secretary's email" },
  newSecretaryName: { 'zh-CN': '新书记姓名', en: "New secretary's name" },
  emailPlaceholder: { 'zh-CN': '邮箱地址', en: 'email address' },
  namePlaceholder: { 'zh-CN': '姓名', en: 'name' },
  reason: { 'zh-CN': '理由', en: 'Reason' },
  exemptReasonPlaceholder: { 'zh-CN': '免于述职的理由', en: 'why the branch is exempted' },
  withdraw: { 'zh-CN': '撤销述职任务', en: 'Withdraw' },
  withdrawReasonPlaceholder: { 'zh-CN': '撤销的理由', en: 'why it is withdrawn' },
  cancel: { 'zh-CN': '取消，返回', en: 'Cancel and go back' },
  seasonsYouRun: { 'zh-CN': '您管理的述职季度', en: 'Seasons you run' },
  // Personal API tokens (web/pages/tokens-page.ts).
  apiTokens: { 'zh-CN': '接口令牌', en: 'API tokens' },
  apiTokensIntro: {
    'zh-CN': '令牌让程序以您的身份调用接口（/api/v1），能做的事与您在网页上能做的相同。不用时请吊销。',
    en: 'A token lets a program call the API (/api/v1) as you, with exactly what you may do on these pages. Revoke it when it is no longer needed.',
  },
  tokenName: { 'zh-CN': '名称', en: 'Name' },
  tokenDays: { 'zh-CN': '有效天数（1–365）', en: 'Valid for days (1–365)' },
  createToken: { 'zh-CN': '新建令牌', en: 'Create token' },
  tokenCreated: { 'zh-CN': '创建时间', en: 'Created' },
  tokenExpires: { 'zh-CN': '到期时间', en: 'Expires' },
  tokenLastUsed: { 'zh-CN': '最近使用', en: 'Last used' },
  tokenRevoked: { 'zh-CN': '已吊销', en: 'Revoked' },
  revokeToken: { 'zh-CN': '吊销', en: 'Revoke' },
  noTokens: { 'zh-CN': '您还没有令牌。', en: 'You have no tokens yet.' },
  tokenShownOnce: {
    'zh-CN': '请立即复制并妥善保存此令牌：它只显示这一次，关闭本页后无法再次查看。',
    en: 'Copy this token now and keep it safe: it is shown only this once and cannot be seen again.',
  },
  backToTokens: { 'zh-CN': '返回令牌列表', en: 'Back to the tokens' },
  // A 民主测评 ballot (web/pages/ballot-page.ts).
  ballotTitle: { 'zh-CN': '民主测评票', en: 'Evaluation ballot' },
  ballotIntro: {
    'zh-CN': '请对每位述职人选择一个评价等次。本票为无记名投票：系统只记下这张票已投，不记下您的评价与您本人的对应关系。每张票只能投一次。',
    en: 'Choose one grade for each reporter. The vote is anonymous: the system records that this ballot was cast, never which grades came from you. A ballot can be cast once.',
  },
  ballotGroup: { 'zh-CN': '评议组', en: 'Group' },
  ballotClosesAt: { 'zh-CN': '投票截止', en: 'Voting closes' },
  castBallot: { 'zh-CN': '提交选票', en: 'Cast the ballot' },
  ballotCastThanks: {
    'zh-CN': '您的选票已投出，谢谢！结果将在投票结束后统计。',
    en: 'Your ballot has been cast. Thank you! The results are counted when voting closes.',
  },
  grade_好: { 'zh-CN': '好', en: '好 good' },
  grade_较好: { 'zh-CN': '较好', en: '较好 fairly good' },
  grade_一般: { 'zh-CN': '一般', en: '一般 fair' },
  grade_差: { 'zh-CN': '差', en: '差 poor' },
} as const satisfies Record<string, Record<Locale, string>>;

export type TextKey = keyof typeof TEXTS;
export type Translate = (key: TextKey) => string;

export const translator =
  (locale: Locale): Translate =>
  (key) =>
    TEXTS[key][locale];

/** A text with its {name} blanks filled: `fillIn(t('compareChanges'), { n: 3 })`. */
export const fillIn = (text: string, values: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (blank, name: string) => (name in values ? String(values[name]) : blank));

export { stateName } from '../domain/vocabulary';

const SEASON_STATUS_NAMES: Record<string, Record<Locale, string>> = {
  draft: { 'zh-CN': '未启动', en: 'not started' },
  running: { 'zh-CN': '进行中', en: 'running' },
  closed: { 'zh-CN': '已结束', en: 'closed' },
};

export const seasonStatusName = (status: string, locale: Locale) => SEASON_STATUS_NAMES[status]?.[locale] ?? status;
