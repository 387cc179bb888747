// The domain's words, once. Workflow-safe.

export const ROLES = ['secretary', 'liaison', 'reviewer', 'leader', 'party_group_secretary', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const REPORT_STATES = [
  'assigned',
  'drafting',
  'submitted',
  'revision_requested',
  'reviewed', // passed review, waiting for leadership's approval
  'approved',
  'exempted',
  'withdrawn',
  'closed',
] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const RATINGS = ['好', '较好', '一般', '差'] as const;
export type Rating = (typeof RATINGS)[number];

export const CHANNELS = ['cli', 'web', 'api', 'workflow', 'system'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A word in both languages. */
export type Named = Record<Locale, string>;

/** Each state's name, as pages, mails, exports, the CLI and refusals say it. */
export const STATE_NAMES: Record<ReportState, Named> = {
  assigned: { 'zh-CN': '已分配', en: 'assigned' },
  drafting: { 'zh-CN': '撰写中', en: 'drafting' },
  submitted: { 'zh-CN': '已提交待审阅', en: 'submitted' },
  revision_requested: { 'zh-CN': '退回修改', en: 'revision requested' },
  reviewed: { 'zh-CN': '已审阅待批准', en: 'reviewed, awaiting approval' },
  approved: { 'zh-CN': '已批准', en: 'approved' },
  exempted: { 'zh-CN': '免于述职', en: 'exempted' },
  withdrawn: { 'zh-CN': '已撤销', en: 'withdrawn' },
  closed: { 'zh-CN': '已结束', en: 'closed' },
};

export const stateName = (state: string, locale: Locale): string => STATE_NAMES[state as ReportState]?.[locale] ?? state;

/** Each act the record (台账) keeps, by its action, as pages, exports and the CLI say it. */
export const EVENT_NAMES: Record<string, Named> = {
  'report.assigned': { 'zh-CN': '下达述职任务', en: 'report assigned' },
  'report.draft_saved': { 'zh-CN': '保存草稿', en: 'draft saved' },
  'report.submitted': { 'zh-CN': '提交报告', en: 'report submitted' },
  'report.resubmitted': { 'zh-CN': '修改后重新提交', en: 'revised report submitted' },
  'report.revision_requested': { 'zh-CN': '退回修改', en: 'sent back for revision' },
  'report.review_passed': { 'zh-CN': '审阅通过', en: 'passed review' },
  'report.approved': { 'zh-CN': '批准', en: 'approved' },
  'report.extended': { 'zh-CN': '延长截止日期', en: 'due date extended' },
  'report.reassigned': { 'zh-CN': '更换书记', en: 'secretary replaced' },
  'report.liaison_changed': { 'zh-CN': '更换联系领导', en: 'liaison changed' },
  'report.reviewer_changed': { 'zh-CN': '更换审阅人', en: 'reviewer changed' },
  'report.delegated': { 'zh-CN': '委托他人代办', en: 'delegated' },
  'report.exempted': { 'zh-CN': '免于述职', en: 'exempted' },
  'report.withdrawn': { 'zh-CN': '撤销述职任务', en: 'withdrawn' },
  'report.reminded': { 'zh-CN': '发送截止提醒', en: 'reminder sent' },
  'report.overdue_reminded': { 'zh-CN': '发送逾期提醒', en: 'overdue reminder sent' },
  'report.escalated': { 'zh-CN': '逾期督办', en: 'overdue report escalated' },
  'report.review_reminded': { 'zh-CN': '提醒审阅', en: 'review reminder sent' },
  'report.review_escalated': { 'zh-CN': '审阅逾期督办', en: 'overdue review escalated' },
  'report.reminded_now': { 'zh-CN': '手动发送提醒', en: 'reminded by an admin' },
  'report.closed': { 'zh-CN': '随季度结束', en: 'closed with the season' },
  'season.created': { 'zh-CN': '创建述职季度', en: 'season created' },
  'season.updated': { 'zh-CN': '修改述职季度', en: 'season changed' },
  'season.started': { 'zh-CN': '启动述职季度', en: 'season started' },
  'season.branch_added': { 'zh-CN': '增加支部', en: 'branch added' },
  'season.closed': { 'zh-CN': '结束述职季度', en: 'season closed' },
  'report.final_graded': { 'zh-CN': '评定综合评价', en: 'final grade set' },
  'report.feedback_given': { 'zh-CN': '党组点评', en: 'feedback given' },
  'rectification.created': { 'zh-CN': '下达整改事项', en: 'rectification item created' },
  'rectification.reminded': { 'zh-CN': '整改提醒', en: 'rectification reminder' },
  'rectification.overdue': { 'zh-CN': '整改逾期', en: 'rectification overdue' },
  'rectification.escalated': { 'zh-CN': '整改逾期上报', en: 'rectification escalated' },
  'rectification.progress_reported': { 'zh-CN': '报告整改进展', en: 'rectification progress reported' },
  'rectification.accepted': { 'zh-CN': '整改销号', en: 'rectification accepted' },
  'rectification.sent_back': { 'zh-CN': '整改退回', en: 'rectification sent back' },
  'evaluation.meeting_scheduled': { 'zh-CN': '安排民主测评', en: 'evaluation meeting scheduled' },
  'evaluation.ballot_cast': { 'zh-CN': '投出测评票', en: 'ballot cast' },
  'evaluation.ballot_voided': { 'zh-CN': '作废测评票', en: 'ballot voided' },
  'evaluation.meeting_closed': { 'zh-CN': '民主测评结束', en: 'evaluation meeting closed' },
};

/** An act's name; one the app does not know is shown as recorded. */
export const eventName = (action: string, locale: Locale): string => EVENT_NAMES[action]?.[locale] ?? action;

/** A stored version of a report: a saved draft, or the text as submitted. */
export const VERSION_KIND_NAMES: Record<string, Named> = {
  draft: { 'zh-CN': '草稿', en: 'draft' },
  submission: { 'zh-CN': '提交稿', en: 'submission' },
};
export const versionKindName = (kind: string, locale: Locale): string => VERSION_KIND_NAMES[kind]?.[locale] ?? kind;

/** Each role's name; `admins` is how escalations name the season's admins as one audience. */
export const ROLE_NAMES: Record<Role | 'admins', Named> = {
  secretary: { 'zh-CN': '支部书记', en: 'branch secretary' },
  liaison: { 'zh-CN': '联系领导', en: 'liaison' },
  reviewer: { 'zh-CN': '审阅人', en: 'reviewer' },
  leader: { 'zh-CN': '党组领导', en: 'leadership' },
  party_group_secretary: { 'zh-CN': '党组书记', en: 'Party group secretary' },
  admin: { 'zh-CN': '组织办', en: 'organization office' },
  admins: { 'zh-CN': '组织办', en: 'organization office' },
};
export const roleName = (role: string, locale: Locale): string => ROLE_NAMES[role as Role]?.[locale] ?? role;

/** Where a request came from: the record's channel. */
export const CHANNEL_NAMES: Record<Channel, Named> = {
  cli: { 'zh-CN': '命令行', en: 'command line' },
  web: { 'zh-CN': '网页', en: 'web' },
  api: { 'zh-CN': '接口', en: 'API' },
  workflow: { 'zh-CN': '系统自动', en: 'automatic' },
  system: { 'zh-CN': '系统', en: 'system' },
};

/** The four steps a report goes through, as the step indicator on its page names them. */
export const REPORT_STEPS = ['writing', 'review', 'approval', 'done'] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];
export const STEP_NAMES: Record<ReportStep, Named> = {
  writing: { 'zh-CN': '撰写', en: 'Writing' },
  review: { 'zh-CN': '组织办审阅', en: 'Review' },
  approval: { 'zh-CN': '领导审批', en: 'Approval' },
  done: { 'zh-CN': '完成', en: 'Done' },
};

/** Where a report still open at the season's close had got to (the record's `stateAtClose`): `closed` alone hides it. */
export const CLOSED_OUTCOMES = ['closed_unsubmitted', 'closed_in_revision', 'closed_in_review', 'closed_unapproved'] as const;
export type ClosedOutcome = (typeof CLOSED_OUTCOMES)[number];
export const CLOSED_OUTCOME_NAMES: Record<ClosedOutcome, Named> = {
  closed_unsubmitted: { 'zh-CN': '季度结束时未提交', en: 'never submitted by the close' },
  closed_in_revision: { 'zh-CN': '季度结束时退回修改未重新提交', en: 'sent back, not resubmitted by the close' },
  closed_in_review: { 'zh-CN': '季度结束时待审阅', en: 'awaiting review at the close' },
  closed_unapproved: { 'zh-CN': '季度结束时已审阅未批准', en: 'reviewed, not approved by the close' },
};

export const MAIL_KINDS = [
  'assignment',
  'reminder',
  'escalation',
  'revision_requested',
  'approved',
  'extension',
  'reassignment',
  'review_reminder',
  'review_escalation',
  'sign_in',
  'ballot',
  'rectification_assigned',
  'rectification_reminder',
  'rectification_escalation',
  'rectification_progress',
  'rectification_verdict',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** States in which the secretary is writing and the due date's reminders run. */
export const WRITING_STATES: readonly ReportState[] = ['assigned', 'drafting', 'revision_requested'];
/** States in which a reviewer has the report and the review SLA runs. */
export const REVIEW_STATES: readonly ReportState[] = ['submitted'];
/** States after which nothing more is asked of anyone this season. */
export const SETTLED_STATES: readonly ReportState[] = ['approved', 'exempted', 'withdrawn', 'closed'];
