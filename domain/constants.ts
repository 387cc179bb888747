// Names both sides of Temporal agree on. Workflow-safe: no Node built-ins, no I/O.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const TASK_QUEUE = 'shuzhi';

/** Custom search attributes, registered when the embedded dev server starts. */
export const SEARCH_ATTRIBUTES = {
  seasonId: defineSearchAttributeKey('ShuzhiSeasonId', SearchAttributeType.KEYWORD),
  branchId: defineSearchAttributeKey('ShuzhiBranchId', SearchAttributeType.KEYWORD),
  reportState: defineSearchAttributeKey('ShuzhiReportState', SearchAttributeType.KEYWORD),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SEARCH_ATTRIBUTES);
