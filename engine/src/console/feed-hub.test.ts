import { describe, expect, it } from 'vitest';
import { MAX_INTERVAL_MS, nextTickDelay, TICK_SHARE } from './feed-hub.ts';
import { MIN_INTERVAL_MS } from './sse.ts';

describe('the Requests feed cadence', () => {
  it('ticks once a second on an idle engine and backs off, up to a ceiling, when its reads queue behind requests', () => {
    expect(nextTickDelay(5)).toBe(MIN_INTERVAL_MS);
    expect(nextTickDelay(MIN_INTERVAL_MS / TICK_SHARE)).toBe(MIN_INTERVAL_MS);
    expect(nextTickDelay(150)).toBe(150 * TICK_SHARE);
    expect(nextTickDelay(150)).toBeGreaterThan(MIN_INTERVAL_MS);
    expect(nextTickDelay(10_000)).toBe(MAX_INTERVAL_MS);
  });
});
