/**
 * One live feed per time window and kind (with statuses or rows only), shared by every tab
 * watching it: the work of a tick is done once however many tabs are open, each tab gets the
 * same deltas. A rows-only feed is pushed by the engine when it can tell stored items
 * (pushed-feed.ts); otherwise, and for a feed with statuses, it reads the table (requests-feed.ts).
 * A feed ticks only while a tab is subscribed, a second (three under load, see nextTickDelay)
 * after the previous tick finished (never two at once), and stops when its last tab goes away.
 */
import type { FeedUpdate, LiveFeed } from './live-feed.ts';
import { PushedRequestsFeed, type PushSource } from './pushed-feed.ts';
import { type FeedReader, RequestsFeed } from './requests-feed.ts';
import { MIN_INTERVAL_MS } from './sse.ts';

/** A tick's reads may take at most 1/TICK_SHARE of the time between ticks... */
export const TICK_SHARE = 10;
/** ...but a tick comes at least every MAX_INTERVAL_MS. */
export const MAX_INTERVAL_MS = 3_000;
/** New requests in one tick from which the engine counts as busy (100 a second or more). */
export const BUSY_ROWS = 100;

/**
 * The wait after a tick that took `tookMs` and found `newRows` requests: one second; under load
 * (BUSY_ROWS or more) the longest wait, since fewer ticks send the page fewer, larger messages
 * (and a reading feed reads its overlap again on each); and longer when the tick's reads queued
 * behind the requests (they took longer), so that a watching tab yields to the requests it watches. A request arriving at a
 * quiet engine is shown within about a second whatever the machine's load.
 */
export function nextTickDelay(tookMs: number, newRows: number): number {
  if (newRows === 0) return MIN_INTERVAL_MS;
  if (newRows >= BUSY_ROWS) return MAX_INTERVAL_MS;
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, TICK_SHARE * tookMs));
}

export interface FeedSubscriber {
  push(update: FeedUpdate): void;
  problem(message: string): void;
  /** True once the tab went away: it is dropped before the next tick. */
  readonly closed: boolean;
}

interface Running {
  readonly feed: LiveFeed;
  readonly subscribers: Set<FeedSubscriber>;
  timer: NodeJS.Timeout | undefined;
}

export class FeedHub {
  /** By `feedKey`. */
  private readonly running = new Map<string, Running>();
  private stopped = false;

  /** `pushed`: the engine's stored-item notifications, when the console runs inside it. */
  constructor(
    private readonly reader: FeedReader,
    private readonly pushed?: PushSource,
  ) {}

  /** Feeds ticking now (one per watched window and kind). */
  get size(): number {
    return this.running.size;
  }

  /**
   * Subscribes to the feed of the window (with statuses or not), starting it (from engine time now)
   * when none runs. Returns the feed, so the first tab can `seed` it with the rows it read itself.
   */
  subscribe(windowMs: number, withStatuses: boolean, subscriber: FeedSubscriber): LiveFeed {
    const key = `${windowMs}/${withStatuses ? 'statuses' : 'rows'}`;
    let entry = this.running.get(key);
    if (!entry) {
      const started: Running = {
        feed:
          this.pushed && !withStatuses
            ? new PushedRequestsFeed(this.pushed, windowMs)
            : new RequestsFeed(this.reader, this.reader.now(), { withStatuses }),
        subscribers: new Set(),
        timer: undefined,
      };
      this.running.set(key, started);
      started.timer = setTimeout(() => void this.run(key, started), MIN_INTERVAL_MS);
      entry = started;
    }
    entry.subscribers.add(subscriber);
    return entry.feed;
  }

  close(): void {
    this.stopped = true;
    for (const entry of this.running.values()) {
      clearTimeout(entry.timer);
      entry.feed.close();
    }
    this.running.clear();
  }

  private async run(key: string, entry: Running): Promise<void> {
    for (const subscriber of entry.subscribers) if (subscriber.closed) entry.subscribers.delete(subscriber);
    if (this.stopped || entry.subscribers.size === 0) {
      if (this.running.get(key) === entry) this.running.delete(key);
      entry.feed.close();
      return;
    }
    const started = performance.now();
    let found = 0;
    try {
      const update = await entry.feed.tick();
      found = update?.rows.length ?? 0;
      if (update) for (const subscriber of entry.subscribers) subscriber.push(update);
    } catch (error) {
      for (const subscriber of entry.subscribers) subscriber.problem((error as Error).message);
    }
    if (!this.stopped)
      entry.timer = setTimeout(
        () => void this.run(key, entry),
        nextTickDelay(performance.now() - started, found),
      );
  }
}
