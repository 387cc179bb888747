// `--as` is the embedded demo stack's alone: its data folder carries the mark npm start writes, and
// the web app and Temporal it names are on this machine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDemoStack, isLoopback, markDemoStack } from '../../config/demo-stack';

const LOCAL = { PUBLIC_BASE_URL: 'http://127.0.0.1:3000', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

describe('the embedded demo stack', () => {
  test.each([
    ['http://localhost:3000', true],
    ['http://[::1]:3000', true],
    ['127.0.0.1:7233', true],
    ['localhost:7233', true],
    ['https://shuzhi.bureau.example', false],
    ['temporal.bureau.example:7233', false],
    ['10.0.0.5:7233', false],
    ['not a url', false],
  ])('%s is on this machine: %s', (address, local) => {
    expect(isLoopback(address)).toBe(local);
  });

  test('a data folder without the mark is not the demo', () => {
    expect(isDemoStack({ ...LOCAL, SHUZHI_DATA_DIR: mkdtempSync(join(tmpdir(), 'unmarked-')) })).toBe(false);
  });

  test('a marked folder is the demo while the web app and Temporal are local, and not otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marked-'));
    markDemoStack(dir);
    expect(isDemoStack({ ...LOCAL, SHUZHI_DATA_DIR: dir })).toBe(true);
    expect(isDemoStack({ ...LOCAL, SHUZHI_DATA_DIR: dir, PUBLIC_BASE_URL: 'https://shuzhi.bureau.example' })).toBe(false);
    expect(isDemoStack({ ...LOCAL, SHUZHI_DATA_DIR: dir, TEMPORAL_ADDRESS: 'temporal.bureau.example:7233' })).toBe(false);
  });
});
