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

export const CHANNELS = ['cli', 'web', 'workflow', 'system'] as const;
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
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** States in which the secretary is writing and the due date's reminders run. */
export const WRITING_STATES: readonly ReportState[] = ['assigned', 'drafting', 'revision_requested'];
/** States in which a reviewer has the report and the review SLA runs. */
export const REVIEW_STATES: readonly ReportState[] = ['submitted'];
/** States after which nothing more is asked of anyone this season. */
export const SETTLED_STATES: readonly ReportState[] = ['approved', 'exempted', 'withdrawn', 'closed'];
