/**
 * Which recent requests a live Requests stream re-reads on a tick where the logs grew. Each re-read
 * is a ByTime query plus the access-log lines of its span, so a tab costs the engine about
 * (span / tick) reads of every request it serves. Most ticks re-read the last 3 s: a request is
 * written within milliseconds of arriving, so it shows within a second. Every twentieth tick
 * re-reads 40 s, which covers the 30 s integration timeout: a request written or answered late
 * shows within twenty seconds. Together that is about 5 reads per request served (a whole minute
 * every second was 60; 5 s plus a minute every tenth tick was 11).
 */
export const RECENT_MS = 3_000;
export const SWEEP_MS = 40_000;
export const SWEEP_EVERY = 20;

export class LiveWindow {
  private ticks = 0;

  /** The [from, to] of this tick's re-read at engine time `now`. */
  next(now: number): { readonly from: number; readonly to: number } {
    this.ticks += 1;
    const sweep = this.ticks % SWEEP_EVERY === 0;
    return { from: now - (sweep ? SWEEP_MS : RECENT_MS), to: now + 1_000 };
  }
}
