/**
 * What every live Requests feed is to the hub that drives it (feed-hub.ts): the reading feed
 * (requests-feed.ts) and the pushed one (pushed-feed.ts).
 */
import type { RequestRow } from './source.ts';

/** What one tick found: rows not sent before (with their status when known), and statuses that arrived. */
export interface FeedUpdate {
  readonly rows: RequestRow[];
  readonly statuses: [string, number][];
}

/** The most rows one tick sends (a burst larger than this in one tick is cut). */
export const MAX_TICK_ROWS = 100_000;

export interface LiveFeed {
  /** Rows the first watcher read itself, so that the feed does not send them again. */
  seed(rows: readonly RequestRow[]): void;
  /** What is new since the previous tick; undefined when nothing is. */
  tick(): Promise<FeedUpdate | undefined>;
  /** Stops what the feed holds open (a watch), once its last tab went away. */
  close(): void;
}
