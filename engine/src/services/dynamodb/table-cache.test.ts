import { describe, expect, it } from 'vitest';
import { type CachedTableDb, cacheTableDescriptions } from './table-cache.ts';

type Pending = () => void;

/** A tableDb whose LevelDB answers only when the test says so, counting real reads. */
function fakeTableDb(options: { readsSnapshotAtCall?: boolean } = {}) {
  const stored = new Map<string, string>();
  const queue: Pending[] = [];
  let reads = 0;
  let failWrites = false;
  const db: CachedTableDb = {
    get: (key, cb) => {
      reads++;
      const snapshot = stored.get(key);
      queue.push(() => {
        const value = options.readsSnapshotAtCall ? snapshot : stored.get(key);
        cb(null, value === undefined ? undefined : JSON.parse(value));
      });
    },
    put: (key, value, cb) => {
      const json = JSON.stringify(value);
      queue.push(() => {
        if (failWrites) return cb(new Error('write failed'));
        stored.set(key, json);
        cb(null);
      });
    },
    del: (key, cb) => {
      queue.push(() => {
        stored.delete(key);
        cb(null);
      });
    },
  };
  return {
    db,
    reads: () => reads,
    failWrites: (value: boolean) => {
      failWrites = value;
    },
    /** Lets LevelDB finish the oldest pending operation. */
    settleOne: () => queue.shift()?.(),
    /** Lets LevelDB finish the newest pending operation first (another thread-pool thread won). */
    settleNewest: () => queue.pop()?.(),
    settleAll: () => {
      while (queue.length > 0) queue.shift()?.();
    },
  };
}

const read = (db: CachedTableDb, key: string): Promise<unknown> =>
  new Promise((resolve, reject) => db.get(key, (error, value) => (error ? reject(error) : resolve(value))));
const write = (db: CachedTableDb, key: string, value: unknown): Promise<void> =>
  new Promise((resolve, reject) => db.put(key, value, (error) => (error ? reject(error) : resolve())));

describe('table description cache', () => {
  it('answers a read after an acknowledged write from memory, with a fresh copy', async () => {
    // Prepare
    const fake = fakeTableDb();
    cacheTableDescriptions(fake.db, () => false);
    const written = write(fake.db, 'T', { TableStatus: 'ACTIVE' });
    fake.settleAll();
    await written;

    // Act
    const first = (await read(fake.db, 'T')) as { TableStatus: string };
    first.TableStatus = 'MUTATED BY A CALLER';
    const second = await read(fake.db, 'T');

    // Assess
    expect(second).toEqual({ TableStatus: 'ACTIVE' });
    expect(fake.reads()).toBe(0);
  });

  it('never serves a value older than the latest write, even when a read raced it', async () => {
    // Prepare: a read of the old value is in flight when a write starts.
    const fake = fakeTableDb({ readsSnapshotAtCall: true });
    const cache = cacheTableDescriptions(fake.db, () => false);
    const seed = write(fake.db, 'T', { TableStatus: 'CREATING' });
    fake.settleAll();
    await seed;
    cache.clear();
    const racing = read(fake.db, 'T');
    const update = write(fake.db, 'T', { TableStatus: 'ACTIVE' });

    // Act: the write lands first, then the read answers with what it saw before it.
    fake.settleNewest();
    await update;
    fake.settleAll();
    expect(await racing).toEqual({ TableStatus: 'CREATING' });

    // Assess
    expect(await read(fake.db, 'T')).toEqual({ TableStatus: 'ACTIVE' });
  });

  it('does not cache a write LevelDB refused, nor a table that does not exist', async () => {
    // Prepare
    const fake = fakeTableDb();
    cacheTableDescriptions(fake.db, () => false);
    fake.failWrites(true);
    const refused = write(fake.db, 'T', { TableStatus: 'ACTIVE' }).catch((error: Error) => error.message);
    fake.settleAll();

    // Act
    const pendingRead = read(fake.db, 'T');
    fake.settleAll();

    // Assess
    expect(await refused).toBe('write failed');
    expect(await pendingRead).toBeUndefined();
    expect(fake.reads()).toBe(1);
  });

  it('forgets a deleted table at once', async () => {
    // Prepare
    const fake = fakeTableDb();
    cacheTableDescriptions(fake.db, () => false);
    const written = write(fake.db, 'T', { TableStatus: 'ACTIVE' });
    fake.settleAll();
    await written;

    // Act
    fake.db.del('T', () => undefined);
    const afterDelete = read(fake.db, 'T');
    fake.settleAll();

    // Assess: the read went to LevelDB, after the delete.
    expect(await afterDelete).toBeUndefined();
  });

  it('goes to the store itself once it is closed', async () => {
    // Prepare
    const fake = fakeTableDb();
    let closed = false;
    cacheTableDescriptions(fake.db, () => closed);
    const written = write(fake.db, 'T', { TableStatus: 'ACTIVE' });
    fake.settleAll();
    await written;

    // Act
    closed = true;
    const pendingRead = read(fake.db, 'T');
    fake.settleAll();
    await pendingRead;

    // Assess
    expect(fake.reads()).toBe(1);
  });

  it('does not keep what a read saw when it started while a write was in flight', async () => {
    // Prepare: the old description is stored and cached, then an update starts.
    const fake = fakeTableDb({ readsSnapshotAtCall: true });
    cacheTableDescriptions(fake.db, () => false);
    const seed = write(fake.db, 'T', { TableStatus: 'CREATING' });
    fake.settleAll();
    await seed;
    const update = write(fake.db, 'T', { TableStatus: 'ACTIVE' });
    const racing = read(fake.db, 'T');

    // Act: the write is acknowledged, then the read answers with the value from before it.
    fake.settleOne();
    await update;
    fake.settleAll();
    expect(await racing).toEqual({ TableStatus: 'CREATING' });

    // Assess
    expect(await read(fake.db, 'T')).toEqual({ TableStatus: 'ACTIVE' });
  });
});
