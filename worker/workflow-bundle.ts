// How the worker loads the workflow code, in one place for the worker, the bench and the tests.
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * The workflows at `workflowsPath` (the product's by default), bundled as the worker runs them.
 *
 * Each workflow evaluates its own copy of the workflow modules (the SDK's default). Sharing them
 * across workflows (the bundler's `preloadModules`) saved a little memory but, under load, left
 * histories a restarted worker could not replay and reports stuck on a nondeterminism error
 * (docs/testing.md, "Workflow modules are not shared").
 */
export function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
}
