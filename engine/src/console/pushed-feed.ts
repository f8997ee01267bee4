/**
 * The live part of the Requests view when the console runs inside the engine: each stored request
 * is told to the feed as it is stored (LocalExtras `watchStoredItems`), made a row at once, and
 * sent at the next tick. Nothing is read back, so a live tab costs the engine a few microseconds
 * per request instead of a read of the ByTime index (and its responses' JSON) for every request.
 *
 * A row is exactly what the index would give for the item: items without the index's keys
 * (TimeShard, Timestamp) are not in the index and are not rows. Every write is told once, after it
 * was applied, so there is no overlap to read again and no late row to sweep for. Rows carry no
 * status: the page looks up those of the rows in view (console-server's `statuses`). A tab that
 * filters by status needs every row's, and uses the reading feed (requests-feed.ts), as the
 * console does against AWS, which has no such notification.
 */

import type { StoredItem, StoredItemListener } from '../services/dynamodb/index.ts';
import { type FeedUpdate, type LiveFeed, MAX_TICK_ROWS } from './live-feed.ts';
import { type ConsoleSource, type RequestRow, requestRow } from './source.ts';

export interface PushSource {
  now(): number;
  /** The stack's request table, asked on every tick (a redeploy may change it). */
  requestsTable(): Promise<string>;
  watchStoredItems(listener: StoredItemListener): () => void;
}

/** The source's pushes when it runs inside an engine that tells stored items; undefined against AWS. */
export function pushSourceOf(source: ConsoleSource): PushSource | undefined {
  const { extras } = source;
  const watch = extras.watchStoredItems;
  if (!watch) return undefined;
  return {
    now: () => source.now(),
    requestsTable: () => source.requestsTable(),
    watchStoredItems: (listener) => watch.call(extras, listener),
  };
}

/** The string of an `{ S: ... }` attribute; undefined for any other type or when missing. */
function stringAttribute(item: StoredItem, name: string): string | undefined {
  const value = item[name] as { S?: unknown } | undefined;
  return typeof value?.S === 'string' ? value.S : undefined;
}

/** The Requests row of a stored item, as the ByTime index projects it; undefined when the item is not in that index. */
export function requestRowOfItem(item: StoredItem): RequestRow | undefined {
  const RequestId = stringAttribute(item, 'RequestId');
  const Timestamp = stringAttribute(item, 'Timestamp');
  if (RequestId === undefined || Timestamp === undefined || stringAttribute(item, 'TimeShard') === undefined)
    return undefined;
  const size = (item.BodySize as { N?: unknown } | undefined)?.N;
  return requestRow({
    RequestId,
    Timestamp,
    Method: stringAttribute(item, 'Method'),
    Path: stringAttribute(item, 'Path'),
    Source: stringAttribute(item, 'Source'),
    SourceIp: stringAttribute(item, 'SourceIp'),
    BodySize: typeof size === 'string' ? Number(size) : undefined,
  });
}

export class PushedRequestsFeed implements LiveFeed {
  /** [table, row] of items stored since the last tick (the table is known for sure only at a tick). */
  private pending: (readonly [string, RequestRow])[] = [];
  private readonly unwatch: () => void;

  constructor(
    private readonly source: PushSource,
    private readonly windowMs: number,
  ) {
    this.unwatch = source.watchStoredItems((table, item) => {
      // Bounded: a tick takes them every few seconds; past this many, rows show on the next reload.
      if (this.pending.length >= MAX_TICK_ROWS) return;
      const row = requestRowOfItem(item);
      if (row) this.pending.push([table, row]);
    });
  }

  /** Nothing to seed: every row stored from the first watcher's arrival on is told to this feed. */
  seed(): void {}

  async tick(): Promise<FeedUpdate | undefined> {
    const table = await this.source.requestsTable();
    const taken = this.pending;
    this.pending = [];
    const oldest = new Date(this.source.now() - this.windowMs).toISOString();
    const rows: RequestRow[] = [];
    for (const [from, row] of taken) if (from === table && row[1] >= oldest) rows.push(row);
    return rows.length > 0 ? { rows, statuses: [] } : undefined;
  }

  close(): void {
    this.unwatch();
  }
}
