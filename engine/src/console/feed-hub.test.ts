import { describe, expect, it } from 'vitest';
import { MAX_INTERVAL_MS, nextTickDelay, TICK_SHARE } from './feed-hub.ts';
import { MIN_INTERVAL_MS } from './sse.ts';

describe('the Requests feed cadence', () => {
  it('ticks once a second on an idle engine and backs off, up to a ceiling, when its reads of new requests queue behind them', () => {
    expect(nextTickDelay(5, true)).toBe(MIN_INTERVAL_MS);
    expect(nextTickDelay(MIN_INTERVAL_MS / TICK_SHARE, true)).toBe(MIN_INTERVAL_MS);
    expect(nextTickDelay(150, true)).toBe(150 * TICK_SHARE);
    expect(nextTickDelay(150, true)).toBeGreaterThan(MIN_INTERVAL_MS);
    expect(nextTickDelay(10_000, true)).toBe(MAX_INTERVAL_MS);
    // A slow tick that found nothing (a loaded machine, a quiet engine) keeps the one-second beat.
    expect(nextTickDelay(10_000, false)).toBe(MIN_INTERVAL_MS);
  });
});
