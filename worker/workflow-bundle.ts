// How the worker loads the workflow code, in one place for the worker, the bench and the tests.
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../temporal/payload-codec';

const WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * The workflows at `workflowsPath` (the product's by default), bundled as the worker runs them.
 *
 * Each workflow evaluates its own copy of the workflow modules (the SDK's default). Sharing them
 * (the bundler's `preloadModules`) saved a little memory; the SDK warns it can leak one
 * workflow's context into another, and while a nondeterminism was being chased it was the first
 * suspect (docs/testing.md, "Timers follow the plan").
 */
export function bundleWorkflows(workflowsPath = WORKFLOWS_PATH): Promise<WorkflowBundleWithSourceMap> {
  // Failures the workflows write carry their message encoded, to be encrypted (temporal/failure-converter.ts).
  return bundleWorkflowCode({ workflowsPath, failureConverterPath: FAILURE_CONVERTER_PATH, logger: new DefaultLogger('WARN') });
}
