/**
 * A write-through memory cache of dynalite's table descriptions (`table~<name>` in LevelDB).
 *
 * Why: dynalite reads the table description from LevelDB at the start of every item operation
 * (`getTable`), one thread-pool round trip per request that contends with the item writes for
 * LevelDB's mutex. Descriptions change only through `tableDb.put`/`tableDb.del` (CreateTable,
 * UpdateTable, DeleteTable and their status transitions, the engine's repair at open), so those are
 * wrapped here and a read after any of them is answered from memory.
 *
 * Semantics kept: a cached read answers with a fresh object parsed from the stored JSON (as LevelDB
 * would), on a later macrotask (as dynalite's callback wrapper does). A write invalidates the entry
 * before it starts and fills it only after LevelDB acknowledged it and no other write to that key
 * is in flight. A read that missed fills the entry only if no write to that key was in flight when
 * it started and none began since (LevelDB's thread pool may answer a read issued before a write
 * after that write): the cache never holds a value older than LevelDB's. Misses (unknown tables)
 * are never cached. Once the store is closed every call goes to dynalite unchanged.
 */

type Callback = (error: unknown, value?: unknown) => void;

export interface CachedTableDb {
  get(key: string, cb: Callback): void;
  put(key: string, value: unknown, cb: (error: unknown) => void): void;
  del(key: string, cb: (error: unknown) => void): void;
}

/** Replaces `tableDb`'s get/put/del in place with cached ones; returns how to drop the cache. */
export function cacheTableDescriptions(
  tableDb: CachedTableDb,
  isClosed: () => boolean,
): { clear(): void; readonly size: () => number } {
  const get = tableDb.get.bind(tableDb);
  const put = tableDb.put.bind(tableDb);
  const del = tableDb.del.bind(tableDb);
  const values = new Map<string, string>();
  const generations = new Map<string, number>();
  const writing = new Map<string, number>();
  const generation = (key: string): number => generations.get(key) ?? 0;
  const inFlight = (key: string): number => writing.get(key) ?? 0;
  /** A write begins: the entry is dropped and every read or write already started loses its fill. */
  const begin = (key: string): number => {
    const next = generation(key) + 1;
    generations.set(key, next);
    writing.set(key, inFlight(key) + 1);
    values.delete(key);
    return next;
  };
  const end = (key: string): void => {
    const left = inFlight(key) - 1;
    if (left > 0) writing.set(key, left);
    else writing.delete(key);
  };

  tableDb.get = (key, cb) => {
    const cached = isClosed() ? undefined : values.get(key);
    if (cached !== undefined) {
      setImmediate(cb, null, JSON.parse(cached));
      return;
    }
    const startedAt = generation(key);
    const clean = inFlight(key) === 0;
    get(key, (error, value) => {
      const current = clean && generation(key) === startedAt && !isClosed();
      if (!error && value !== undefined && value !== null && current) values.set(key, JSON.stringify(value));
      cb(error, value);
    });
  };
  tableDb.put = (key, value, cb) => {
    const mine = begin(key);
    // Serialized now: dynalite may keep mutating the object after handing it over.
    const json = JSON.stringify(value);
    put(key, value, (error) => {
      end(key);
      if (!error && generation(key) === mine && inFlight(key) === 0 && !isClosed()) values.set(key, json);
      cb(error);
    });
  };
  tableDb.del = (key, cb) => {
    begin(key);
    del(key, (error) => {
      end(key);
      cb(error);
    });
  };
  return {
    clear: () => values.clear(),
    size: () => values.size,
  };
}
