/**
 * The one source of time for an engine, injected so a test can drive a virtual clock instead of
 * sleeping and `tapstack up --time-scale N` can run emulated time N times faster.
 *
 * THE RULE, per timer: does it measure the passing of time in the emulated cloud, or a bound on
 * work the machine does in real time?
 * - Emulated time (`setTimer`, scaled by N): schedules (EventBridge rate/cron), async invocation
 *   retries and maximum event age, dead-letter timing, alarm periods, throttling token buckets,
 *   retention sweeps, S3 lifecycle, DynamoDB TTL, SQS retention/visibility/long-poll waits,
 *   subscription and Firehose buffering. These are what a user speeds up to see a day in minutes.
 * - Real time (`setWorkTimer`, never scaled): deadlines on work that runs at machine speed however
 *   fast emulated time goes — the gateway's integration timeout (30 s), the function timeout and
 *   the init limit (enforced by the Lambda host with the process clock). Scaling these would cut
 *   real work short: at N=2880 a 30 s integration timeout would be ~10 ms and every request 503.
 * Under a VirtualClock both kinds fire when the test advances the clock past them.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch, as the emulated cloud sees it. */
  now(): number;
  /** Calls `fn` once `ms` emulated milliseconds have passed. */
  setTimer(fn: () => void, ms: number): TimerHandle;
  /** Calls `fn` once `ms` milliseconds of real work time have passed (never scaled; see the rule above). */
  setWorkTimer(fn: () => void, ms: number): TimerHandle;
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

  setWorkTimer(fn: () => void, ms: number): TimerHandle {
    const timer = setTimeout(fn, Math.max(0, ms));
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

  /** A test stands in for the machine's work time too: the deadline falls on the same timeline. */
  setWorkTimer(fn: () => void, ms: number): TimerHandle {
    return this.setTimer(fn, ms);
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
