// Every way of starting the worker passes the same Node flags (the heap cap and the preload that
// turns off the SDK's per-promise stack traces) and the same malloc arenas.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../config/env';
import { WORKER_HEAP_MIB, WORKER_MALLOC_ARENAS, WORKFLOW_STACK_TRACES_PRELOAD, workerNodeArgs, workerProcessEnv } from '../../stack/worker-node-args';

// Loaded with stack traces "on", so that requiring it leaves this process's own promise hooks alone.
process.env.WORKER_WORKFLOW_STACK_TRACES = 'on';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { refuseWorkflowStackTraceHook } = require(WORKFLOW_STACK_TRACES_PRELOAD) as {
  refuseWorkflowStackTraceHook(hooks: { createHook(callbacks: object): unknown }, callerStack: () => string): void;
};
delete process.env.WORKER_WORKFLOW_STACK_TRACES;

describe('the worker process flags', () => {
  test('npm run worker passes the same flags as the embedded stack', () => {
    const scripts = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { worker: string } }).scripts;
    expect(workerNodeArgs()).toEqual(['--require', WORKFLOW_STACK_TRACES_PRELOAD, `--max-old-space-size=${WORKER_HEAP_MIB}`]);
    expect(scripts.worker).toContain(`--require ./${relative(PROJECT_ROOT, WORKFLOW_STACK_TRACES_PRELOAD)} --max-old-space-size=${WORKER_HEAP_MIB} `);
    expect(scripts.worker.startsWith(`MALLOC_ARENA_MAX=\${MALLOC_ARENA_MAX:-${WORKER_MALLOC_ARENAS}} node `)).toBe(true);
  });

  test('a worker gets two malloc arenas unless its environment already says how many', () => {
    expect(workerProcessEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', MALLOC_ARENA_MAX: '2' });
    expect(workerProcessEnv({ MALLOC_ARENA_MAX: '8' }).MALLOC_ARENA_MAX).toBe('8');
  });

  test('heap 0 leaves V8 its default but keeps the preload', () => {
    expect(workerNodeArgs(0)).toEqual(['--require', WORKFLOW_STACK_TRACES_PRELOAD]);
  });
});

describe('the workflow stack-trace preload', () => {
  const sdkCaller = 'Error\n    at setPromiseHook (/app/node_modules/@temporalio/worker/lib/workflow/vm-shared.js:243:61)';
  const nodeCaller = 'Error\n    at updatePromiseHookMode (node:internal/async_hooks:386:34)';

  function hooksCalledFrom(stack: string) {
    const created: object[] = [];
    const hooks = { createHook: (callbacks: object) => created.push(callbacks) };
    refuseWorkflowStackTraceHook(hooks, () => stack);
    return { hooks, created };
  }

  // As compiled (the workflow thread) and as source-mapped (a thread where tsx maps stacks).
  const sdkSourceCaller = 'Error\n    at setPromiseHook (/app/node_modules/@temporalio/worker/src/workflow/vm-shared.ts:305:45)';

  test.each([
    ['compiled', sdkCaller],
    ['source-mapped', sdkSourceCaller],
  ])("refuses the SDK's stack-trace hook, so the SDK runs without stack traces (%s stack)", (_, stack) => {
    const { hooks, created } = hooksCalledFrom(stack);
    expect(() => hooks.createHook({ init() {}, settled() {} })).toThrow('WORKER_WORKFLOW_STACK_TRACES=on');
    expect(created).toEqual([]);
  });

  test("lets Node's own promise hooks through (AsyncLocalStorage needs them)", () => {
    const { hooks, created } = hooksCalledFrom(nodeCaller);
    const callbacks = { init() {}, before() {}, after() {} };
    hooks.createHook(callbacks);
    expect(created).toEqual([callbacks]);
  });
});
