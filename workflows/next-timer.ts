// The one timer a report waits on: for the next reminder or escalation its state plans. It is
// started, moved or dropped only when a change moves that plan, at the end of the change itself,
// never because the report woke up. How many wake-ups a workflow task's events cause depends on
// how they are grouped, which differs between a run and its replay; a timer started per wake-up
// left histories that a restarted worker could not replay (docs/testing.md, "Timers follow the
// plan").
import { CancellationScope, sleep } from '@temporalio/workflow';
import type { Timer } from './report-timers';

export class NextTimer {
  /** What the running timer is for: the planned timer's key and moment. */
  private planned?: string;
  private scope?: CancellationScope;
  private fired = false;

  /** The scope the timers run under: the workflow's own, not that of the request that moved the plan. */
  constructor(private readonly parent: CancellationScope) {}

  /**
   * Starts the timer for `timer` unless it already runs; moves or drops the one running. `again`
   * restarts it for the same plan (a timer that fired with nothing due yet).
   */
  plan(timer: Timer | undefined, now: number, again = false): void {
    const planned = timer ? `${timer.key}@${timer.at}` : undefined;
    if (planned === this.planned && !again) return;
    this.scope?.cancel();
    this.planned = planned;
    this.fired = false;
    this.scope = undefined;
    if (!timer) return;
    const scope = new CancellationScope({ cancellable: true, parent: this.parent });
    this.scope = scope;
    scope
      .run(() => sleep(Math.max(timer.at - now, 1)))
      .then(
        () => {
          if (this.scope === scope) this.fired = true;
        },
        // Moved or dropped before it fired: nothing to do.
        () => undefined,
      );
  }

  /** Whether the planned timer has fired since it was last taken. */
  get hasFired(): boolean {
    return this.fired;
  }

  take(): void {
    this.fired = false;
  }
}
