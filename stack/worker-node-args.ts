// How every worker process is started (the embedded stack, `npm run worker`, the tests' real
// stack and the bench): the same Node flags and environment, so that what the bench measures is what runs.
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/env';

// The worker's V8 heap cap. Uncapped, V8 on a large machine lets the heap grow towards its default
// limit and the SDK sizes its workflow cache from that limit; capped, a 10,000-branch fan-out ran
// as fast with a far lower peak (bench/README.md#what-changed-them, "Heap").
export const WORKER_HEAP_MIB = 1024;

/** Preloaded into every thread of the worker: turns off the SDK's per-promise stack traces (see the file). */
export const WORKFLOW_STACK_TRACES_PRELOAD = join(PROJECT_ROOT, 'worker/workflow-stack-traces.cjs');

/** Whether this process was started with the preload and it turned the stack traces off. */
export function workflowStackTracesOff(): boolean {
  return (require.cache[WORKFLOW_STACK_TRACES_PRELOAD]?.exports as { stackTracesOff?: boolean } | undefined)?.stackTracesOff === true;
}

/** Node flags for a worker process; `heapMiB` 0 leaves V8's default heap. */
export function workerNodeArgs(heapMiB: number = WORKER_HEAP_MIB): string[] {
  return ['--require', WORKFLOW_STACK_TRACES_PRELOAD, ...(heapMiB > 0 ? [`--max-old-space-size=${heapMiB}`] : [])];
}

// glibc gives each thread that allocates its own malloc arena (up to 8 per core), and memory freed
// in one arena is not reused by another. The worker has many such threads (the workflow thread,
// the SDK's Rust core, libuv, SQLite): with two arenas a fan-out peaked lower, as fast
// (bench/README.md#what-changed-them, change 10). Other C libraries ignore it.
export const WORKER_MALLOC_ARENAS = '2';

/** The environment for a worker process: `base` with MALLOC_ARENA_MAX, unless `base` sets it already. */
export function workerProcessEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, MALLOC_ARENA_MAX: base.MALLOC_ARENA_MAX || WORKER_MALLOC_ARENAS };
}
