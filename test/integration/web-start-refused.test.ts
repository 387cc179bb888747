// The web app refuses to start with the demo mailbox (which signs in as anyone) on an address
// other machines can reach: it says why and what to do, and opens nothing.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/env';

function startWeb(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PROJECT_ROOT, 'bin', 'run-ts.js'), 'web/main.ts'],
      { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, _stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stderr }),
    );
  });
}

test('the demo mailbox on a public address: the web app exits 1, naming the setting and what to do', async () => {
  const result = await startWeb({
    SHUZHI_DEMO_MAILBOX: '1',
    PUBLIC_BASE_URL: 'https://shuzhi.bureau.example',
    // Nothing is reached: the check comes before the database and Temporal are opened.
    DATABASE_URL: 'file:./data/never-opened.db',
    TEMPORAL_ADDRESS: '127.0.0.1:1',
  });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('SHUZHI_DEMO_MAILBOX=1');
  expect(result.stderr).toContain('Unset SHUZHI_DEMO_MAILBOX, or use a local PUBLIC_BASE_URL.');
  expect(result.stderr).not.toMatch(/\n\s+at /);
});
