// Activity stubs, one group per kind of work, each with its own timeouts and retry policy.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../domain/activity-contract';

/** Database writes: quick, retried fast, and idempotent by key. */
const RECORD = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
} as const;
export const recordActivities = proxyActivities<Activities>(RECORD);

/** Mail: SMTP can be down for a while; keep trying with backoff until it is back. */
const MAIL = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
} as const;
export const mailActivities = proxyActivities<Activities>(MAIL);

/**
 * The record's writes as local activities, run inside the workflow task that asked for them: a
 * report's change (an approval, an extension, a reminder) then costs the server one workflow task
 * instead of three workflow tasks and two activity tasks. A retry backoff past a minute waits on a
 * workflow timer, so a long database outage holds no task open.
 */
export const localRecordActivities = proxyLocalActivities<Activities>(RECORD);

/**
 * A mail's first try, inside the workflow task of the change that asked for it: one attempt, and
 * bounded, because the request that made the change is answered only once this task completes. A
 * mail SMTP did not take goes on to `mailActivities`, which retries it until SMTP is back while
 * the report takes further requests.
 */
export const firstTryMailActivities = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 1 },
});

/** Closing a season waits for every report to settle: long, and proven alive by heartbeats. */
export const summaryActivities = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * The assignment's record and mail, run inside the report workflow's first task: a branch's start
 * then costs the server one workflow task instead of three workflow and two activity tasks.
 */
export const assignmentActivities = proxyLocalActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** A page of report workflows started or signalled through the client: bounded, and proven alive by heartbeats. */
export const fanOutActivities = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
