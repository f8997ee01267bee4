import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { afterEach, describe, expect, it } from 'vitest';
import { type LevelInternals, tuneLevelIo } from './level-io.ts';

const opened: ClassicLevel<string, unknown>[] = [];

async function openDb(path = mkdtempSync(join(tmpdir(), 'level-io-'))) {
  const db = new ClassicLevel<string, unknown>(path, { valueEncoding: 'json' });
  const stats = tuneLevelIo(db as unknown as LevelInternals);
  await db.open();
  opened.push(db);
  return { db, stats, path };
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});

describe('tuned LevelDB I/O', () => {
  it('applies the writes of one event-loop turn as one batch and acknowledges each', async () => {
    // Prepare
    const { db, stats } = await openDb();

    // Act
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.put(`k${i}`, { i })));

    // Assess
    expect(stats).toEqual({ writes: 20, batches: 1 });
    expect(await db.get('k7')).toEqual({ i: 7 });
    expect(await db.get('missing')).toBeUndefined();
  });

  it('keeps the order of writes to one key within a batch', async () => {
    // Prepare
    const { db } = await openDb();

    // Act
    await Promise.all([db.put('a', 1), db.del('a'), db.del('b'), db.put('b', 2)]);
    await Promise.all([db.batch([{ type: 'put', key: 'c', value: 3 }]), db.del('c')]);

    // Assess
    expect(await db.get('a')).toBeUndefined();
    expect(await db.get('b')).toBe(2);
    expect(await db.get('c')).toBeUndefined();
  });

  it('has every acknowledged write on disk for the next open', async () => {
    // Prepare
    const first = await openDb();
    await Promise.all([first.db.put('x', 'one'), first.db.put('y', 'two')]);
    await first.db.close();

    // Act
    const second = await openDb(first.path);

    // Assess
    expect(await second.db.getMany(['x', 'y'])).toEqual(['one', 'two']);
  });

  it('applies writes accepted just before close, and close waits for them', async () => {
    // Prepare: writes accepted, not yet flushed, when close is called.
    const first = await openDb();
    const writes = [first.db.put('p', '1'), first.db.put('q', '2')];

    // Act
    await first.db.close();
    const outcomes = await Promise.allSettled(writes);
    const second = await openDb(first.path);

    // Assess
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await second.db.getMany(['p', 'q'])).toEqual(['1', '2']);
  });
});
