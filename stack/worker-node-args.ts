// The worker's V8 heap cap. Uncapped, V8 on a large machine lets the heap grow towards 4 GiB and the
// SDK sizes its workflow cache from that limit: a 10,000-branch fan-out peaked at 4.4 GiB RSS. At
// 1 GiB the same fan-out ran as fast and peaked at 1.2 GiB (bench/README.md). `npm run worker`
// passes the same flag.
export const WORKER_HEAP_MIB = 1024;

/** Node flags for a worker process; `heapMiB` 0 leaves V8's default. */
export function workerNodeArgs(heapMiB: number = WORKER_HEAP_MIB): string[] {
  return heapMiB > 0 ? [`--max-old-space-size=${heapMiB}`] : [];
}
