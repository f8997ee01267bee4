/**
 * Which recent requests a live Requests stream re-reads on a tick where the logs grew. Re-reading
 * the whole last minute every second cost the engine about 60 reads of every request it served (a
 * ByTime query and the access-log lines of that minute, each second): with a console tab open
 * under load that was a large share of the request path. Most ticks now re-read the last few
 * seconds (a new request is written within milliseconds of arriving, so it still shows within a
 * second); every tenth tick re-reads the whole minute, which catches a request written or answered
 * late (a slow invocation, up to the 30 s integration timeout) within ten seconds.
 */
export const RECENT_MS = 5_000;
export const SWEEP_MS = 60_000;
export const SWEEP_EVERY = 10;

export class LiveWindow {
  private ticks = 0;

  /** The [from, to] of this tick's re-read at engine time `now`. */
  next(now: number): { readonly from: number; readonly to: number } {
    this.ticks += 1;
    const sweep = this.ticks % SWEEP_EVERY === 0;
    return { from: now - (sweep ? SWEEP_MS : RECENT_MS), to: now + 1_000 };
  }
}
