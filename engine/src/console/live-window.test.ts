import { describe, expect, it } from 'vitest';
import { LiveWindow, RECENT_MS, SWEEP_EVERY, SWEEP_MS } from './live-window.ts';

describe('LiveWindow', () => {
  it('re-reads the last seconds on most ticks and a span past the integration timeout on every twentieth', () => {
    const live = new LiveWindow();
    const spans = Array.from({ length: 2 * SWEEP_EVERY }, (_, i) => {
      const now = 1_000_000 + i * 1_000;
      const { from, to } = live.next(now);
      expect(to).toBe(now + 1_000);
      return now - from;
    });
    const sweeps = spans.flatMap((span, i) => (span === SWEEP_MS ? [i + 1] : []));
    expect(sweeps).toEqual([SWEEP_EVERY, 2 * SWEEP_EVERY]);
    expect(spans.filter((span) => span === RECENT_MS)).toHaveLength(2 * SWEEP_EVERY - 2);
  });
});
