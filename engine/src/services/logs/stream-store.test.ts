import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StreamStore } from './stream-store.ts';

const event = (timestamp: number, message: string) => ({ timestamp, ingestionTime: timestamp, message });
const messages = async (store: StreamStore, group: string, stream: string) =>
  (await store.read(group, stream)).map((e) => e.message);

describe('StreamStore (kept-open append files)', () => {
  it('keeps every line of more streams than it keeps files open, in order', async () => {
    // Prepare: 300 streams, more than the open-file cap, each written twice.
    const store = new StreamStore(mkdtempSync(join(tmpdir(), 'streams-')));
    const streams = Array.from({ length: 300 }, (_, i) => `s${i}`);

    // Act
    for (const round of [1, 2]) {
      for (const s of streams) store.append('g', s, [event(round, `${s}-${round}`)], round);
      await store.flush();
    }

    // Assess
    for (const s of [streams[0] ?? '', streams[150] ?? '', streams[299] ?? '']) {
      expect(await messages(store, 'g', s)).toEqual([`${s}-1`, `${s}-2`]);
    }
  });

  it('appends after an expiry rewrite land in the rewritten file', async () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'streams-'));
    const store = new StreamStore(root);
    store.append('g', 's', [event(1, 'old'), event(10, 'kept')], 10);
    await store.flush();

    // Act: the rewrite replaces the file the store had open.
    await store.expire('g', 5);
    store.append('g', 's', [event(20, 'after')], 20);
    await store.close();

    // Assess: on disk, not only through the store.
    const onDisk = readFileSync(join(root, 'g', 's.ndjson'), 'utf8')
      .trim()
      .split('\n');
    expect(onDisk.map((line) => JSON.parse(line)[2])).toEqual(['kept', 'after']);
  });

  it('a deleted stream written again starts a new file', async () => {
    // Prepare
    const store = new StreamStore(mkdtempSync(join(tmpdir(), 'streams-')));
    store.append('g', 's', [event(1, 'first life')], 1);
    await store.flush();

    // Act
    store.deleteStream('g', 's');
    store.append('g', 's', [event(2, 'second life')], 2);

    // Assess
    expect(await messages(store, 'g', 's')).toEqual(['second life']);
  });

  it('close flushes pending appends and a later append reopens the file', async () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'streams-'));
    const store = new StreamStore(root);
    store.append('g', 's', [event(1, 'before close')], 1);

    // Act
    await store.close();
    store.append('g', 's', [event(2, 'after close')], 2);
    await store.close();

    // Assess: a fresh store over the same directory sees both.
    const reopened = new StreamStore(root);
    await reopened.load();
    expect(await messages(reopened, 'g', 's')).toEqual(['before close', 'after close']);
  });
});
