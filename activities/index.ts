// Every activity, built from its dependencies. Workflows see only the contract
// (domain/activity-contract.ts); each factory is typed against its part of it.
import type { Activities } from '../domain/activity-contract';
import type { ActivityDeps } from './deps';
import { createEvaluationActivities } from './evaluation-activities';
import { createFanOutActivities } from './fan-out-activities';
import { createMailActivities } from './mail-activities';
import { createRectificationActivities } from './rectification-activities';
import { createReportActivities } from './report-activities';
import { createSeasonActivities } from './season-activities';

export { systemClock, type ActivityDeps, type Clock } from './deps';
export type { Activities } from '../domain/activity-contract';

export function createActivities(deps: ActivityDeps): Activities {
  return {
    ...createSeasonActivities(deps),
    ...createFanOutActivities(deps),
    ...createReportActivities(deps),
    ...createMailActivities(deps),
    ...createEvaluationActivities(deps),
    ...createRectificationActivities(deps),
  };
}
