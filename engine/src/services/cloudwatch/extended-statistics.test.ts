import { describe, expect, it } from 'vitest';
import { extendedStatisticValue, parseExtendedStatistic } from './extended-statistics.ts';
import { MetricStore } from './metric-store.ts';
import {
  addValue,
  EXACT_CAP,
  MAX_BUCKETS,
  RELATIVE_ERROR,
  type ValueDistribution,
} from './value-distribution.ts';

const ONE_TO_TEN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function distributionOf(values: readonly number[]): { min: number; max: number; dist: ValueDistribution } {
  let dist: ValueDistribution | undefined;
  for (const value of values) dist = addValue(dist, value);
  return { min: Math.min(...values), max: Math.max(...values), dist: dist as ValueDistribution };
}

function stat(name: string, values: readonly number[]): number | undefined {
  const parsed = parseExtendedStatistic(name);
  if (!parsed) throw new Error(`${name} did not parse`);
  return extendedStatisticValue(distributionOf(values), parsed);
}

describe('extended statistics over exact values', () => {
  it.each([
    // name, values, expected (nearest rank: smallest value with >= N% of points at or below it)
    ['p0', ONE_TO_TEN, 1],
    ['p10', ONE_TO_TEN, 1],
    ['p50', ONE_TO_TEN, 5],
    ['p50.5', ONE_TO_TEN, 6],
    ['p90', ONE_TO_TEN, 9],
    ['p99', ONE_TO_TEN, 10],
    ['p100', ONE_TO_TEN, 10],
    ['p50', [7], 7],
    ['p99', [...Array(99).fill(1), 500], 1],
    ['p99.9', [...Array(99).fill(1), 500], 500],
    ['tm90', ONE_TO_TEN, 5], // mean of 1..9
    ['tc90', ONE_TO_TEN, 9],
    ['ts90', ONE_TO_TEN, 45],
    ['IQM', [1, 2, 3, 4, 5, 6, 7, 100], 4.5], // mean of 3, 4, 5, 6
    ['TM(10%:90%)', ONE_TO_TEN, 5.5], // mean of 2..9
    ['TM(:50%)', ONE_TO_TEN, 3],
    ['TC(20%:)', ONE_TO_TEN, 8],
    ['wm90', ONE_TO_TEN, 5.4], // 10 counted as p90 = 9
    ['tc95', ONE_TO_TEN, 9.5], // a boundary point counts for its fraction inside the range
  ] as const)('%s of %j is %d', (name, values, expected) => {
    expect(stat(name, values)).toBeCloseTo(expected, 10);
  });

  it('counts Values with Counts as repeated values', () => {
    const store = new MetricStore();
    const metric = { namespace: 'N', metricName: 'M', dimensions: {}, unit: 'None', timestamp: 60_000 };
    store.put({ ...metric, value: 10, count: 90 });
    store.put({ ...metric, value: 1_000, count: 10 });
    const period = store.statistics(metric, 0, 120_000, 60_000, true).get(60_000);
    expect(period?.count).toBe(100);
    expect(period?.sum).toBe(10_900);
    const p90 = parseExtendedStatistic('p90');
    const p91 = parseExtendedStatistic('p91');
    if (!period || !p90 || !p91) throw new Error('missing');
    expect(extendedStatisticValue(period, p90)).toBe(10);
    expect(extendedStatisticValue(period, p91)).toBe(1_000);
  });

  it('reports no percentile when any value is negative, as CloudWatch does', () => {
    expect(stat('p50', [3, -1, 5])).toBeUndefined();
  });
});

describe('the bounded sketch past the exact cap', () => {
  it('keeps every percentile of 100,000 spread values within the documented relative error', () => {
    // 0.5 ms .. 50 s, log-uniform: the range API latencies span.
    const values = Array.from({ length: 100_000 }, (_, i) => 0.5 * 10 ** ((5 * i) / 99_999));
    const summary = distributionOf(values);
    expect(summary.dist.exact).toBeUndefined();
    expect(Object.keys(summary.dist.buckets ?? {}).length).toBeLessThanOrEqual(MAX_BUCKETS);
    const of = (name: string) => {
      const parsed = parseExtendedStatistic(name);
      return parsed && extendedStatisticValue(summary, parsed);
    };
    const sorted = [...values].sort((a, b) => a - b);
    for (const percent of [1, 25, 50, 90, 99, 99.9]) {
      const exact = sorted[Math.ceil((percent / 100) * sorted.length) - 1] as number;
      const estimate = of(`p${percent}`) as number;
      expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-9);
    }
    expect(of('p0')).toBe(0.5);
    expect(of('p100')).toBeCloseTo(50_000, 6);
  });

  it('stays exact up to the cap and bounded in size however many values arrive', () => {
    const few = distributionOf(Array.from({ length: EXACT_CAP }, (_, i) => i + 1));
    expect(few.dist.exact).toHaveLength(EXACT_CAP);
    const many = distributionOf(Array.from({ length: 20_000 }, (_, i) => (i % 5_000) + 1));
    expect(JSON.stringify(many.dist).length).toBeLessThan(20_000);
  });

  it('keeps zeros apart from the log buckets', () => {
    const values = [...Array(80).fill(0), ...Array.from({ length: 20 }, (_, i) => 100 + i)];
    expect(stat('p80', values)).toBe(0);
    expect(stat('p81', values)).toBeGreaterThanOrEqual(99);
  });
});

describe('statistic names', () => {
  it.each([
    'p101',
    'pXX',
    'p',
    'p-1',
    'P50',
    'p50.12345678901',
    'tm101',
    'TM(150:1000)',
    'TM(90%:10%)',
    'TM(:)',
    'PR(:300)',
    'Average',
  ])('%s is not a statistic this computes', (name) => {
    expect(parseExtendedStatistic(name)).toBeUndefined();
  });

  it.each(['p0', 'p0.0', 'p100', 'p99.99', 'tm99', 'wm98', 'IQM', 'TS(80%:)'])('%s parses', (name) => {
    expect(parseExtendedStatistic(name)?.name).toBe(name);
  });
});
