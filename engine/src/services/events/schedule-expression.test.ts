import { describe, expect, it } from 'vitest';
import { nextFireTime, parseScheduleExpression } from './schedule-expression.ts';

const at = (iso: string): number => Date.parse(iso);

describe('schedule expressions', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(24 hours)', 86_400_000],
    ['rate(2 days)', 172_800_000],
  ])('%s has a period of %d ms', (expression, period) => {
    expect(parseScheduleExpression(expression)).toEqual({ kind: 'rate', periodMs: period });
  });

  it.each([
    ['rate(1 hours)', /use "hour"/],
    ['rate(5 minute)', /use "minutes"/],
    ['rate(0 minutes)', /positive/],
    ['rate(5 weeks)', /expected rate/],
    ['cron(0 3 * * * *)', /exactly one of/],
    ['cron(0 3 ? * * )', /6 fields/],
    ['cron(0 3 L * ? *)', /not supported/],
    ['cron(61 3 * * ? *)', /outside 0-59/],
    ['daily', /expected rate/],
  ])('rejects %s', (expression, message) => {
    expect(() => parseScheduleExpression(expression)).toThrow(message);
  });

  it.each([
    // rate: one period after the anchor, then every period.
    ['rate(24 hours)', '2026-11-25T10:00:00Z', '2026-11-25T10:00:00Z', '2026-11-26T10:00:00Z'],
    ['rate(24 hours)', '2026-11-26T10:00:00Z', '2026-11-25T10:00:00Z', '2026-11-27T10:00:00Z'],
    ['rate(5 minutes)', '2026-11-25T10:07:00Z', '2026-11-25T10:00:00Z', '2026-11-25T10:10:00Z'],
    // cron: next matching minute strictly after.
    ['cron(0 3 * * ? *)', '2026-11-25T02:59:00Z', '2026-01-01T00:00:00Z', '2026-11-25T03:00:00Z'],
    ['cron(0 3 * * ? *)', '2026-11-25T03:00:00Z', '2026-01-01T00:00:00Z', '2026-11-26T03:00:00Z'],
    ['cron(0/15 * * * ? *)', '2026-11-25T03:01:00Z', '2026-01-01T00:00:00Z', '2026-11-25T03:15:00Z'],
    ['cron(0 9 ? * MON-FRI *)', '2026-11-27T10:00:00Z', '2026-01-01T00:00:00Z', '2026-11-30T09:00:00Z'],
    ['cron(30 12 1 JAN ? *)', '2026-11-25T00:00:00Z', '2026-01-01T00:00:00Z', '2027-01-01T12:30:00Z'],
  ])('%s after %s (anchor %s) fires at %s', (expression, after, anchor, expected) => {
    expect(
      new Date(nextFireTime(parseScheduleExpression(expression), at(after), at(anchor))).toISOString(),
    ).toBe(new Date(at(expected)).toISOString());
  });
});
