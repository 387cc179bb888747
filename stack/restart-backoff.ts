// How long the embedded stack waits before it starts a stopped worker again. Each quick failure
// doubles the wait, so a worker that cannot start (a broken build, a database it cannot open)
// does not spin; one that ran a good while before it stopped is restarted at once, as the first.

/** The first wait; it doubles after each restart that failed quickly. */
export const FIRST_RESTART_DELAY_MS = 1_000;
/** No wait is longer: a person watching the stack learns within half a minute that it is back. */
export const LONGEST_RESTART_DELAY_MS = 30_000;
/** A worker that ran this long before it stopped counts as healthy: its next wait is the first. */
export const HEALTHY_RUN_MS = 60_000;

/** The wait before restart number `attempt` (1 for the first restart after a healthy run). */
export function restartDelayMs(attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a whole number from 1: ${attempt}`);
  return Math.min(FIRST_RESTART_DELAY_MS * 2 ** (attempt - 1), LONGEST_RESTART_DELAY_MS);
}

/** The attempt number of the next restart, from the last one and how long the process then ran. */
export function nextAttempt(lastAttempt: number, ranForMs: number): number {
  return ranForMs >= HEALTHY_RUN_MS ? 1 : lastAttempt + 1;
}
