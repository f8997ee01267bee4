/**
 * How dynalite's LevelDB (classic-level) is driven, tuned for a server doing many small item
 * operations at once. Semantics are unchanged: a write is acknowledged only after LevelDB applied
 * it (the same non-sync write to LevelDB's log as before), in the order the writes were issued.
 *
 * Why: every classic-level read or write is one job on libuv's thread pool, and each job takes
 * LevelDB's mutex, from the main thread when it is queued and again on a pool thread. Profiled
 * under 50 concurrent requests, the main thread spent more time queueing LevelDB jobs (waiting
 * for the mutex the pool threads held) than running dynalite.
 * - Writes (put, del, batch) issued in one event-loop turn are applied as ONE LevelDB batch, one
 *   pool job; each caller's promise settles with that batch. A batch is atomic, so merging batches
 *   keeps each one atomic.
 * - Reads use classic-level's synchronous get: the value comes from LevelDB's memtable or block
 *   cache in microseconds, without a pool round trip.
 */

type Operation =
  | { readonly type: 'put'; readonly key: unknown; readonly value: unknown }
  | { readonly type: 'del'; readonly key: unknown };

interface WriteOptions {
  readonly sync?: boolean;
}

/** The private classic-level methods abstract-level calls after encoding keys and values. */
export interface LevelInternals {
  _put(key: unknown, value: unknown, options: WriteOptions): Promise<void>;
  _del(key: unknown, options: WriteOptions): Promise<void>;
  _batch(operations: Operation[], options: WriteOptions): Promise<void>;
  _get(key: unknown, options: unknown): Promise<unknown>;
  _getSync?(key: unknown, options: unknown): unknown;
  _close(): Promise<void>;
}

export interface LevelIoStats {
  /** Writes (put, del, batch) callers issued. */
  writes: number;
  /** LevelDB batches those became. */
  batches: number;
}

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Replaces the db's private write and read methods in place; returns counters for tests. */
export function tuneLevelIo(db: LevelInternals): LevelIoStats {
  const stats: LevelIoStats = { writes: 0, batches: 0 };
  const batch = db._batch.bind(db);
  const close = db._close.bind(db);
  const inFlight = new Set<Promise<void>>();
  let operations: Operation[] = [];
  let waiters: Waiter[] = [];
  let sync = false;
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    if (operations.length === 0) return;
    const ops = operations;
    const waiting = waiters;
    const options = { sync };
    operations = [];
    waiters = [];
    sync = false;
    stats.batches++;
    const done = batch(ops, options).then(
      () => {
        for (const waiter of waiting) waiter.resolve();
      },
      (error: unknown) => {
        for (const waiter of waiting) waiter.reject(error);
      },
    );
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  const enqueue = (ops: readonly Operation[], options: WriteOptions | undefined): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      stats.writes++;
      operations.push(...ops);
      waiters.push({ resolve, reject });
      if (options?.sync === true) sync = true;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });

  db._put = (key, value, options) => enqueue([{ type: 'put', key, value }], options);
  db._del = (key, options) => enqueue([{ type: 'del', key }], options);
  db._batch = (ops, options) => (ops.length === 0 ? Promise.resolve() : enqueue(ops, options));

  // Writing to a closed native handle would crash the process: what was accepted before close()
  // is applied first, and close waits for it.
  db._close = async () => {
    flush();
    await Promise.all(inFlight);
    return close();
  };

  const getSync = db._getSync?.bind(db);
  if (getSync) {
    db._get = (key, options) => {
      try {
        return Promise.resolve(getSync(key, options));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }
  return stats;
}
