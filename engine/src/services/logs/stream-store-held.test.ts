import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StreamStore } from './stream-store.ts';

const event = (timestamp: number, message: string) => ({ timestamp, ingestionTime: timestamp, message });

/** A store whose gate reads `state.below`, with its warnings collected. */
function heldStore(heldBytes: number) {
  const root = mkdtempSync(join(tmpdir(), 'streams-held-'));
  const store = new StreamStore(root);
  const state = { below: true };
  const warnings: string[] = [];
  store.gate = { belowFloor: () => state.below };
  store.heldBytes = heldBytes;
  store.warn = (message) => warnings.push(message);
  const files = () => readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.ndjson'));
  return { root, store, state, warnings, files };
}

describe('StreamStore under the disk floor', () => {
  it('holds appends in memory, writes nothing, and writes them in order once space returns', async () => {
    const { store, state, warnings, files } = heldStore(1024 * 1024);
    store.append('g', 's', [event(1, 'one'), event(2, 'two')], 2);
    await store.flush();
    store.append('g', 's', [event(3, 'three')], 3);
    await store.flush();
    expect(files()).toEqual([]);

    state.below = false;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await store.read('g', 's')).map((e) => e.message)).toEqual(['one', 'two', 'three']);
    expect(warnings).toEqual([]);
  });

  it('past the bound drops the oldest, says so once, and reports the total when space returns', async () => {
    const line = (i: number) => `message number ${String(i).padStart(4, '0')}`;
    // Each stored line is about 50 bytes: a bound of 500 bytes holds about ten.
    const { store, state, warnings } = heldStore(500);
    for (let i = 0; i < 40; i++) {
      store.append('g', i % 2 === 0 ? 'a' : 'b', [event(i, line(i))], i);
      await store.flush();
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^log stream flush: the disk is under its hard floor and more than 500 B of log events/,
    );

    state.below = false;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await store.flush();
    const kept = [...(await store.read('g', 'a')), ...(await store.read('g', 'b'))].map((e) => e.message);
    const dropped = 40 - kept.length;
    expect(kept.length).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);
    // The newest survive: the last message is among the kept ones, the first is not.
    expect(kept).toContain(line(39));
    expect(kept).not.toContain(line(0));
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(
      new RegExp(
        `^log stream flush: space returned; ${dropped} log events \\(.*\\) were dropped while the disk was under its floor$`,
      ),
    );
  });

  it('writes what it holds on close rather than losing it', async () => {
    const { root, store } = heldStore(1024 * 1024);
    store.append('g', 's', [event(1, 'held at shutdown')], 1);
    await store.flush();
    await store.close();
    const reopened = new StreamStore(root);
    await reopened.load();
    expect((await reopened.read('g', 's')).map((e) => e.message)).toEqual(['held at shutdown']);
    expect(existsSync(root)).toBe(true);
  });
});
