// How the worker loads the workflow code, in one place for the worker, the bench and the tests.
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * Workflow modules evaluated once and shared by every workflow the worker runs, instead of once
 * per workflow (the SDK's default, so that module-level state cannot leak from one workflow into
 * another). A module belongs here only if its module-level state is constant or a cache whose
 * contents do not depend on which workflow filled it.
 *
 * domain/time keeps one Intl.DateTimeFormat per time zone; loaded per workflow, every cached
 * report held its own, about 36 KiB of ICU memory each (36 MiB for a 1,000-branch season).
 */
const SHARED_WORKFLOW_MODULES = [require.resolve('../domain/time')];

/** The workflows at `workflowsPath` (the product's by default), bundled as the worker runs them. */
export function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, preloadModules: SHARED_WORKFLOW_MODULES, logger: new DefaultLogger('WARN') });
}
