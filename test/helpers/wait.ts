/** Polls until `done` holds; fails with `what` after the timeout. */
export async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs = 30_000, what = 'the expected state', intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
