import type { Clock } from '../../runtime/clock.ts';

/**
 * Wakes long-polling receives: a waiter resumes when its queue is signalled (a message was sent or
 * made visible) or when its emulated time is up, whichever comes first.
 */
export class ArrivalSignals {
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(private readonly clock: Clock) {}

  wait(queue: string, ms: number): Promise<void> {
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

  /** Wakes every waiter (engine shutdown); their receives return what they have. */
  signalAll(): void {
    for (const queue of this.waiters.keys()) this.signal(queue);
  }
}
