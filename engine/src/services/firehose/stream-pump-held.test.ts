import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../runtime/clock.ts';
import { HELD_RETRY_MS } from '../../runtime/held-writes.ts';
import type { PutObjectInput } from '../s3/operations/put-object.ts';
import { StreamPump } from './stream-pump.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A pump on a VirtualClock delivering at once (interval 0), whose gate reads `state.below` and counts its checks. */
function heldPump() {
  const dataDir = mkdtempSync(join(tmpdir(), 'firehose-held-'));
  dirs.push(dataDir);
  const clock = new VirtualClock(Date.UTC(2026, 0, 10, 12, 0));
  const state = { below: true, checks: 0 };
  const delivered: PutObjectInput[] = [];
  const pump = new StreamPump(
    {
      name: 'access-logs',
      arn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/access-logs',
      createdAt: clock.now(),
      version: 1,
      destination: {
        bucketArn: 'arn:aws:s3:::archive',
        roleArn: 'arn:aws:iam::000000000000:role/firehose',
        intervalSeconds: 0,
        sizeMb: 5,
        compression: 'UNCOMPRESSED',
        decompress: false,
        extractMessages: false,
      },
      tags: {},
    },
    dataDir,
    clock,
    {
      putObject: (input) => {
        delivered.push(input);
        return { etag: '"0"' };
      },
    },
    (message) => {
      throw new Error(`unexpected warning: ${message}`);
    },
    {
      belowFloor: () => {
        state.checks += 1;
        return state.below;
      },
    },
  );
  return { pump, clock, state, delivered };
}

describe('a Firehose stream under the disk floor', () => {
  it('holds the records, looks again in real time (not once per emulated second), and delivers once space returns', async () => {
    const { pump, clock, state, delivered } = heldPump();
    pump.accept([Buffer.from('line one\n'), Buffer.from('line two\n')]);
    expect(delivered).toEqual([]);

    // A day of emulated time passes while held: no wake-up per emulated second.
    const checksBefore = state.checks;
    await clock.advance(24 * 3_600_000);
    expect(state.checks - checksBefore).toBeLessThan(5);
    expect(delivered).toEqual([]);

    // Space returns; the engine clock does not move, and the held records are delivered anyway.
    state.below = false;
    const deadline = Date.now() + 10 * HELD_RETRY_MS;
    while (delivered.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    pump.stop();
    expect(delivered.map((object) => object.body.toString())).toEqual(['line one\nline two\n']);
  });
});
