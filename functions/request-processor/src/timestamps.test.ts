import { describe, expect, it } from 'vitest';
import { datePath, expiresAtSeconds, isoFromEpochMs, normalizeIso } from './timestamps.ts';

describe('isoFromEpochMs', () => {
  it.each([
    [0, '1970-01-01T00:00:00.000Z'],
    [1_583_348_638_390, '2020-03-04T19:03:58.390Z'],
    [Date.UTC(2026, 10, 25, 20, 31, 7, 5), '2026-11-25T20:31:07.005Z'],
  ])('%d -> %s', (epochMs, iso) => {
    expect(isoFromEpochMs(epochMs)).toBe(iso);
  });
});

describe('normalizeIso', () => {
  it.each([
    ['2015-10-08T16:53:06Z', '2015-10-08T16:53:06.000Z'],
    ['2026-11-25T03:00:00.5Z', '2026-11-25T03:00:00.500Z'],
    ['2026-11-25T05:00:00+02:00', '2026-11-25T03:00:00.000Z'],
  ])('%s -> %s', (input, output) => {
    expect(normalizeIso(input)).toBe(output);
  });

  it('rejects text that is not a timestamp', () => {
    expect(() => normalizeIso('not a time')).toThrow(RangeError);
  });
});

describe('expiresAtSeconds', () => {
  it.each([
    { epochMs: 0, days: 1, expected: 86_400 },
    { epochMs: 1_583_348_638_999, days: 90, expected: 1_583_348_638 + 90 * 86_400 },
    { epochMs: 1_583_348_638_000, days: 7, expected: 1_583_348_638 + 7 * 86_400 },
  ])('$epochMs ms + $days days -> $expected s', ({ epochMs, days, expected }) => {
    expect(expiresAtSeconds(epochMs, days)).toBe(expected);
  });
});

describe('datePath', () => {
  it.each([
    ['2026-11-25T20:31:07.123Z', '2026/11/25'],
    ['2027-01-01T00:00:00.000Z', '2027/01/01'],
  ])('%s -> %s', (iso, path) => {
    expect(datePath(iso)).toBe(path);
  });
});
