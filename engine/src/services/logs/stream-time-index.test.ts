import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StreamTimeIndex, streamMayHold } from './stream-time-index.ts';

const line = (timestamp: number, message: string) => `${JSON.stringify([timestamp, timestamp, message])}\n`;
const file = () => join(mkdtempSync(join(tmpdir(), 'stream-index-')), 's.ndjson');
/** ~100 bytes a line: 5,000 lines make about 500 KB, several checkpoints. */
const padded = (i: number) => `event ${i} ${'x'.repeat(80)}`;

describe('StreamTimeIndex', () => {
  it('reads a live tail without rereading the older part of the file', async () => {
    const path = file();
    writeFileSync(path, Array.from({ length: 5_000 }, (_, i) => line(i, padded(i))).join(''));
    const index = new StreamTimeIndex();
    expect(await index.readFrom(path, Number.NEGATIVE_INFINITY)).toHaveLength(5_000);
    const fullRead = index.bytesRead;

    appendFileSync(path, line(5_000, 'new'));
    index.bytesRead = 0;
    const tail = await index.readFrom(path, 5_000);
    expect(tail.filter((e) => e.timestamp >= 5_000).map((e) => e.message)).toEqual(['new']);
    // At most one checkpoint interval (64 KB) plus the new line, not the whole file.
    expect(index.bytesRead).toBeLessThan(70 * 1024);
    expect(fullRead).toBeGreaterThan(400 * 1024);
  });

  it('returns every event at or after the start time whatever the time order of the lines', async () => {
    const path = file();
    const index = new StreamTimeIndex();
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const written: number[] = [];
    for (let round = 0; round < 6; round++) {
      // Mostly increasing, with late lines carrying old timestamps.
      const lines: string[] = [];
      for (let i = 0; i < 1_000; i++) {
        const timestamp = random() < 0.05 ? Math.floor(random() * written.length) : written.length + i;
        written.push(timestamp);
        lines.push(line(timestamp, padded(written.length)));
      }
      appendFileSync(path, lines.join(''));
      for (const startTime of [0, 10, written.length / 2, written.length - 5, written.length + 10]) {
        const got = (await index.readFrom(path, startTime)).filter((e) => e.timestamp >= startTime);
        const expected = written.filter((t) => t >= startTime);
        expect(got.map((e) => e.timestamp)).toEqual(expected);
      }
    }
  });

  it('starts over when the file is replaced (a retention rewrite) or removed', async () => {
    const path = file();
    const index = new StreamTimeIndex();
    writeFileSync(path, Array.from({ length: 2_000 }, (_, i) => line(i, padded(i))).join(''));
    expect(await index.readFrom(path, 1_990)).not.toHaveLength(0);
    const replacement = `${path}.tmp`;
    writeFileSync(replacement, line(5, 'kept'));
    renameSync(replacement, path);
    expect((await index.readFrom(path, 0)).map((e) => e.message)).toEqual(['kept']);
    rmSync(path);
    expect(await index.readFrom(path, 0)).toEqual([]);
  });

  it('reads a whole last line left without its newline, and skips a torn one', async () => {
    const path = file();
    writeFileSync(path, `${line(1, 'a')}{"torn\n${line(2, 'b')}${JSON.stringify([3, 3, 'c'])}`);
    const events = await new StreamTimeIndex().readFrom(path, 0);
    expect(events.map((e) => e.message)).toEqual(['a', 'b', 'c']);
  });
});

describe('streamMayHold', () => {
  it.each([
    [{}, 0, 10, false],
    [{ firstEventTimestamp: 5, lastEventTimestamp: 8 }, undefined, undefined, true],
    [{ firstEventTimestamp: 5, lastEventTimestamp: 8 }, 9, undefined, false],
    [{ firstEventTimestamp: 5, lastEventTimestamp: 8 }, 8, undefined, true],
    [{ firstEventTimestamp: 5, lastEventTimestamp: 8 }, undefined, 4, false],
    [{ firstEventTimestamp: 5, lastEventTimestamp: 8 }, undefined, 5, true],
  ] as const)('%j in [%s, %s]: %s', (meta, start, end, expected) => {
    expect(streamMayHold(meta, start, end)).toBe(expected);
  });
});
