import type { Clock } from '../../runtime/clock.ts';

/**
 * Wakes long-polling receives: a waiter resumes when its queue is signalled (a message was sent or
 * made visible) or when its emulated time is up, whichever comes first.
 */
export class ArrivalSignals {
  private readonly waiters = new Map<string, Set<() => void>>();
  private closedFlag = false;

  constructor(private readonly clock: Clock) {}

  /** True once closed: waits resolve at once, so receives stop polling. */
  get closed(): boolean {
    return this.closedFlag;
  }

  wait(queue: string, ms: number): Promise<void> {
    if (this.closedFlag) return Promise.resolve();
    return new Promise((resolve) => {
      const set = this.waiters.get(queue) ?? new Set<() => void>();
      this.waiters.set(queue, set);
      const wake = (): void => {
        timer.cancel();
        set.delete(wake);
        resolve();
      };
      const timer = this.clock.setTimer(wake, ms);
      set.add(wake);
    });
  }

  signal(queue: string): void {
    for (const wake of [...(this.waiters.get(queue) ?? [])]) wake();
  }

  /** Wakes every waiter for good (engine shutdown); their receives return what they have. */
  close(): void {
    this.closedFlag = true;
    for (const queue of this.waiters.keys()) this.signal(queue);
  }
}
