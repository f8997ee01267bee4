import { describe, expect, it } from 'vitest';
import { BUSY_ROWS, MAX_INTERVAL_MS, nextTickDelay, TICK_SHARE } from './feed-hub.ts';
import { MIN_INTERVAL_MS } from './sse.ts';

describe('the Requests feed cadence', () => {
  it('ticks once a second on an idle engine and backs off, up to a ceiling, when its reads of new requests queue behind them', () => {
    expect(nextTickDelay(5, 1)).toBe(MIN_INTERVAL_MS);
    expect(nextTickDelay(MIN_INTERVAL_MS / TICK_SHARE, 1)).toBe(MIN_INTERVAL_MS);
    expect(nextTickDelay(150, 1)).toBe(150 * TICK_SHARE);
    expect(nextTickDelay(150, 1)).toBeGreaterThan(MIN_INTERVAL_MS);
    expect(nextTickDelay(10_000, 1)).toBe(MAX_INTERVAL_MS);
    // A slow tick that found nothing (a loaded machine, a quiet engine) keeps the one-second beat.
    expect(nextTickDelay(10_000, 0)).toBe(MIN_INTERVAL_MS);
  });

  it('waits the longest after a tick that found a hundred requests or more, however fast it was', () => {
    expect(nextTickDelay(5, BUSY_ROWS)).toBe(MAX_INTERVAL_MS);
    expect(nextTickDelay(5, BUSY_ROWS - 1)).toBe(MIN_INTERVAL_MS);
  });
});
