// Taking a workflow's one-change-at-a-time lock. Workflow-safe.
import { condition } from '@temporalio/workflow';

/**
 * Waits until `free()` holds, then calls `take()` (which sets the lock's flag) in the same step as
 * the last check. Checking and taking must not be split by an `await`: every `await` gives other
 * handlers of the same workflow task their turn, and the SDK's `condition()` lets each waiter whose
 * predicate holds go on together. Two requests delivered at once would both find the lock free.
 */
export async function takeWhenFree(free: () => boolean, take: () => void): Promise<void> {
  while (!free()) await condition(free);
  take();
}
