// Preloaded into the worker process with `node --require` (see stack/worker-node-args.ts), so it
// also runs first in the workflow thread the Temporal SDK starts.
//
// Why: in that thread the SDK installs a promise hook that builds, source-maps and keeps a stack
// trace for every promise a workflow creates, for the "stack trace" query in Temporal's UI. It was
// much of the time of replaying a report's history (bench/README.md#what-changed-them, change 6;
// the SDK's issue #1587), and a report is replayed whenever it comes back after leaving the
// workflow cache. So the SDK's hook is refused, and the SDK runs on without stack traces as it does
// where promise hooks do not exist; Node's own promise hooks (AsyncLocalStorage, which workflows
// need) are untouched.
// WORKER_WORKFLOW_STACK_TRACES=on keeps the hook, to ask a stuck workflow where it waits.
'use strict';
const { promiseHooks } = require('node:v8');

// The SDK file that installs the hook, as compiled or, where source maps are on, as written.
const SDK_HOOK_FILE = /@temporalio[\\/]worker[\\/](?:lib|src)[\\/]workflow[\\/]vm-shared\.[jt]s/;

/** Makes `hooks.createHook` refuse calls from the SDK's stack-trace collector; others pass through. */
function refuseWorkflowStackTraceHook(hooks, callerStack = () => new Error().stack ?? '') {
  const createHook = hooks.createHook;
  hooks.createHook = function (callbacks) {
    if (SDK_HOOK_FILE.test(callerStack())) {
      throw new Error('workflow stack traces are off (WORKER_WORKFLOW_STACK_TRACES=on turns them on)');
    }
    return createHook.call(this, callbacks);
  };
}

const stackTracesOff = process.env.WORKER_WORKFLOW_STACK_TRACES !== 'on';
if (stackTracesOff) refuseWorkflowStackTraceHook(promiseHooks);

module.exports = { refuseWorkflowStackTraceHook, stackTracesOff };
