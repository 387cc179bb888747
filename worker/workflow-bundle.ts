// How the worker loads the workflow code, in one place for the worker, the bench and the tests.
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * Workflow modules evaluated once and shared by every workflow the worker runs, instead of once
 * per workflow (the SDK's default, so that module-level state cannot leak from one workflow into
 * another). A module belongs here only if its module-level state is constant or a cache whose
 * contents do not depend on which workflow filled it; lint refuses module-level `let` and mutable
 * collections in workflows/ and domain/ (eslint.config.mjs), and the SDK freezes what they export.
 *
 * All of the product's workflow modules qualify. Loaded per workflow, they cost every cached
 * report its own module instances and every new or replayed workflow their evaluation, and
 * domain/time's one Intl.DateTimeFormat per time zone its own ICU memory
 * (bench/README.md#what-changed-them, changes 9 and 13).
 */
const SHARED_WORKFLOW_MODULES = [WORKFLOWS_PATH];

/** The workflows at `workflowsPath` (the product's by default), bundled as the worker runs them. */
export function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, preloadModules: SHARED_WORKFLOW_MODULES, logger: new DefaultLogger('WARN') });
}
