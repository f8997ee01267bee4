import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMITS, effectiveLimits, takeToken } from './throttle.ts';

describe('takeToken', () => {
  it.each([
    ['a new bucket starts full', undefined, 0, { rate: 1, burst: 2 }, true, 1],
    ['an empty bucket refuses', { tokens: 0, updatedAt: 0 }, 0, { rate: 1, burst: 2 }, false, 0],
    ['half a token is not enough', { tokens: 0, updatedAt: 0 }, 500, { rate: 1, burst: 2 }, false, 0.5],
    [
      'a second refills one token at rate 1',
      { tokens: 0, updatedAt: 0 },
      1_000,
      { rate: 1, burst: 2 },
      true,
      0,
    ],
    ['refill stops at the burst', { tokens: 0, updatedAt: 0 }, 60_000, { rate: 1, burst: 2 }, true, 1],
    ['burst 0 always refuses', undefined, 0, { rate: 100, burst: 0 }, false, 0],
    [
      'a fractional rate refills slowly',
      { tokens: 0, updatedAt: 0 },
      2_000,
      { rate: 0.5, burst: 1 },
      true,
      0,
    ],
  ])('%s', (_name, state, now, limits, allowed, tokensAfter) => {
    const result = takeToken(state, now, limits);
    expect(result.allowed).toBe(allowed);
    expect(result.state.tokens).toBeCloseTo(tokensAfter);
    expect(result.state.updatedAt).toBe(now);
  });
});

describe('effectiveLimits', () => {
  it.each([
    ['nothing set', undefined, undefined, undefined],
    [
      'stage defaults',
      { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 },
      undefined,
      { rate: 10, burst: 5 },
    ],
    [
      'route overrides field by field',
      { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 },
      { ThrottlingBurstLimit: 1 },
      { rate: 10, burst: 1 },
    ],
    ['only a burst', { ThrottlingBurstLimit: 3 }, undefined, { rate: ACCOUNT_LIMITS.rate, burst: 3 }],
    ['metrics only', { DetailedMetricsEnabled: true }, undefined, undefined],
  ])('%s', (_name, defaults, route, expected) => {
    expect(effectiveLimits(defaults, route)).toEqual(expected);
  });
});
