// Every way of starting the worker caps its heap the same way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/env';
import { WORKER_HEAP_MIB, workerNodeArgs } from '../../stack/worker-heap';

describe('the worker heap cap', () => {
  test('npm run worker passes the same flag as the embedded stack', () => {
    const scripts = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.worker).toContain(workerNodeArgs()[0]);
    expect(workerNodeArgs()).toEqual([`--max-old-space-size=${WORKER_HEAP_MIB}`]);
  });

  test('0 leaves V8 its default', () => {
    expect(workerNodeArgs(0)).toEqual([]);
  });
});
