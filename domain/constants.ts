// Names both sides of Temporal agree on. Workflow-safe: no Node built-ins, no I/O.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const TASK_QUEUE = 'shuzhi';

/**
 * The Worker Deployment every worker build belongs to: a season and its reports stay on the
 * build they started on (pinned), and a new build becomes the one new seasons start on.
 */
export const WORKER_DEPLOYMENT = 'shuzhi';

/** Custom search attributes, registered when the embedded dev server starts. */
export const SEARCH_ATTRIBUTES = {
  seasonId: defineSearchAttributeKey('ShuzhiSeasonId', SearchAttributeType.KEYWORD),
  branchId: defineSearchAttributeKey('ShuzhiBranchId', SearchAttributeType.KEYWORD),
  reportState: defineSearchAttributeKey('ShuzhiReportState', SearchAttributeType.KEYWORD),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SEARCH_ATTRIBUTES);

/** A search attribute's type as the Temporal CLI spells it (`--type Keyword`), for the dev server's flags and doctor's advice. */
export const CLI_TYPE_NAMES = {
  KEYWORD: 'Keyword',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
} as const;
