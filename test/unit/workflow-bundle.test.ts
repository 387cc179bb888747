// Each workflow the worker runs evaluates the product's workflow modules for itself: no module
// instance is shared between two reports (worker/workflow-bundle.ts says why).
import vm from 'node:vm';
import { bundleWorkflows } from '../../worker/workflow-bundle';

// The SDK's reusable V8 context, as the worker runs it (reuseV8Context, its default). Its module
// cache gives each workflow's activator its own instance of every module it loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ReusableVMWorkflowCreator } = require('@temporalio/worker/lib/workflow/reusable-vm') as {
  ReusableVMWorkflowCreator: new (
    script: vm.Script,
    bundle: unknown,
    timeoutMs: number,
    activityNames: Set<string>,
    patch?: unknown,
  ) => {
    context: vm.Context;
  };
};

/** What one workflow gets when it loads the workflows, and the modules it evaluated for itself. */
function loadAsOneWorkflow(context: vm.Context): { workflows: unknown; ownModules: string[] } {
  const moduleCache = new Map<string, unknown>();
  context.__TEMPORAL_ACTIVATOR__ = { moduleCache };
  try {
    const workflows = vm.runInContext('__TEMPORAL__.importWorkflows()', context) as unknown;
    return { workflows, ownModules: [...moduleCache.keys()] };
  } finally {
    delete context.__TEMPORAL_ACTIVATOR__;
  }
}

describe('the workflow bundle', () => {
  test('every workflow loads its own instance of the workflow modules', async () => {
    const bundle = await bundleWorkflows();
    const creator = new ReusableVMWorkflowCreator(new vm.Script(bundle.code), bundle, 5_000, new Set());
    const first = loadAsOneWorkflow(creator.context);
    const second = loadAsOneWorkflow(creator.context);

    const productModules = (modules: string[]) => modules.filter((path) => /\/(workflows|domain)\//.test(path));
    expect(productModules(first.ownModules)).toEqual(expect.arrayContaining([expect.stringContaining('workflows/branch-report')]));
    expect(productModules(second.ownModules)).toEqual(productModules(first.ownModules));
    expect(second.workflows).not.toBe(first.workflows);
    expect(Object.keys(first.workflows as object)).toEqual(expect.arrayContaining(['seasonWorkflow', 'branchReportWorkflow']));
  });
});

describe("the workflow bundle's failures", () => {
  test('are converted by the failure converter that encodes their messages, as the worker and clients do', async () => {
    const bundle = await bundleWorkflows();
    // The bundler puts the module named by failureConverterPath in place of the SDK's default.
    expect(bundle.code).toContain('"./temporal/failure-converter.ts"');
  });
});
