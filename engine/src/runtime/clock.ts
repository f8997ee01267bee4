/**
 * The one source of time for an engine. Every time-based behaviour (schedules, async retries,
 * alarm periods, throttling buckets, retention) reads `now()` and waits through `setTimer`, so a
 * test can drive a virtual clock instead of sleeping, and `--time-scale N` can run time faster.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, as the emulated cloud sees it. */
  now(): number;
  /** Calls `fn` once `ms` emulated milliseconds have passed. */
  setTimer(fn: () => void, ms: number): TimerHandle;
}

export interface TimerHandle {
  cancel(): void;
}

/** Wall-clock time, optionally running `scale` times faster from the moment it was created. */
export class RealClock implements Clock {
  private readonly startedAt = Date.now();

  constructor(private readonly scale = 1) {
    if (!(scale > 0)) throw new RangeError(`time scale must be a positive number, got ${scale}`);
  }

  now(): number {
    const elapsed = Date.now() - this.startedAt;
    return this.startedAt + Math.floor(elapsed * this.scale);
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const timer = setTimeout(fn, Math.max(0, ms / this.scale));
    timer.unref?.();
    return { cancel: () => clearTimeout(timer) };
  }
}

interface PendingTimer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** A clock that only moves when a test calls `advance`; timers fire in due order. */
export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(start: number | Date = Date.UTC(2026, 0, 1)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimer(fn: () => void, ms: number): TimerHandle {
    const timer: PendingTimer = { at: this.current + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way (including timers
   * those timers set), and yields to the event loop after each so async work can settle.
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const next = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.current = Math.max(this.current, next.at);
      next.fn();
      await settle();
    }
    this.current = target;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
