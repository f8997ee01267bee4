import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardOf, TIME_SHARD_COUNT, timeShardOf, timeShardsBetween } from './time-shard.ts';

describe('timeShardOf', () => {
  it.each([
    // FNV-1a 32-bit reference values: "" -> 0x811c9dc5, "a" -> 0xe40c292c (mod 16 = 12).
    { requestId: '', timestamp: '2026-11-25T20:31:07.123Z', expected: '2026-11-25#05' },
    { requestId: 'a', timestamp: '2026-11-25T20:31:07.123Z', expected: '2026-11-25#12' },
    { requestId: 'a', timestamp: '2026-01-01T00:00:00.000Z', expected: '2026-01-01#12' },
    { requestId: 'a', timestamp: '2025-12-31T23:59:59.999Z', expected: '2025-12-31#12' },
    // An offset timestamp is placed on its UTC date.
    { requestId: 'a', timestamp: '2026-01-01T01:00:00+02:00', expected: '2025-12-31#12' },
  ])('maps $requestId at $timestamp to $expected', ({ requestId, timestamp, expected }) => {
    expect(timeShardOf(requestId, timestamp)).toBe(expected);
  });

  it('rejects a timestamp that is not ISO-8601', () => {
    expect(() => timeShardOf('a', 'yesterday')).toThrow(RangeError);
  });

  it('spreads request ids over every shard', () => {
    // Prepare
    const seen = new Set<number>();

    // Act
    for (let i = 0; i < 1_000; i++) seen.add(shardOf(`request-${i}`));

    // Assess
    expect(seen.size).toBe(TIME_SHARD_COUNT);
  });
});

describe('timeShardsBetween', () => {
  it.each([
    {
      from: '2026-11-25T00:00:00.000Z',
      to: '2026-11-25T23:59:59.999Z',
      days: ['2026-11-25'],
    },
    {
      from: '2026-11-25T23:00:00.000Z',
      to: '2026-11-26T01:00:00.000Z',
      days: ['2026-11-25', '2026-11-26'],
    },
    {
      from: '2026-12-31T12:00:00.000Z',
      to: '2027-01-02T00:00:00.000Z',
      days: ['2026-12-31', '2027-01-01', '2027-01-02'],
    },
    {
      from: '2028-02-28T10:00:00Z',
      to: '2028-03-01T10:00:00Z',
      days: ['2028-02-28', '2028-02-29', '2028-03-01'],
    },
  ])('covers $days for $from .. $to', ({ from, to, days }) => {
    // Act
    const partitions = timeShardsBetween(from, to);

    // Assess
    const expected = days.flatMap((day) =>
      Array.from({ length: TIME_SHARD_COUNT }, (_, shard) => `${day}#${String(shard).padStart(2, '0')}`),
    );
    expect(partitions).toEqual(expected);
  });

  it('rejects a range whose start is after its end', () => {
    expect(() => timeShardsBetween('2026-11-26T00:00:00Z', '2026-11-25T00:00:00Z')).toThrow(RangeError);
  });

  it('always includes the partition of any request inside the range', () => {
    const start = Date.UTC(2020, 0, 1);
    const span = 400 * 86_400_000;
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 0, max: span }),
        fc.integer({ min: 0, max: span }),
        (requestId, a, b, c) => {
          const [from, at, to] = [a, b, c].sort((x, y) => x - y).map((offset) => start + offset) as [
            number,
            number,
            number,
          ];
          const iso = (ms: number) => new Date(ms).toISOString();
          expect(timeShardsBetween(iso(from), iso(to))).toContain(timeShardOf(requestId, iso(at)));
        },
      ),
      { numRuns: 200 },
    );
  });
});
