import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { LogsService } from './service.ts';

const HOUR = 3_600_000;

describe('the retention sweep on a fast clock', () => {
  it('runs every emulated hour even when each sweep takes real time, each with its own cutoff', async () => {
    // Prepare: a sweep that takes 30 ms of real time, as rewriting stream files does.
    const start = Date.UTC(2026, 0, 1);
    const clock = new VirtualClock(start);
    const service = new LogsService({
      dataDir: mkdtempSync(join(tmpdir(), 'logs-sweep-')),
      clock,
      account: DEFAULT_ACCOUNT,
    });
    await service.start();
    const sweptAt: number[] = [];
    vi.spyOn(service, 'sweepRetention').mockImplementation(async (now?: number) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      sweptAt.push(now ?? Number.NaN);
    });

    // Act: five emulated hours in one advance, then let the queued sweeps finish.
    await clock.advance(5 * HOUR);
    await service.close();

    // Assess
    expect(sweptAt.map((at) => (at - start) / HOUR)).toEqual([1, 2, 3, 4, 5]);
  });
});
