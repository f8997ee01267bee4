/**
 * CloudWatch's extended statistics (percentiles and the trimmed family), parsed from their names
 * and computed over a period's value distribution. Definitions: AWS-FACTS.md beside this file.
 */

import { AwsError } from '../../runtime/aws-error.ts';
import { sortedPairs, type ValueDistribution } from './value-distribution.ts';

export type ExtendedStatistic =
  | { readonly kind: 'percentile'; readonly name: string; readonly percent: number }
  | {
      readonly kind: 'tm' | 'tc' | 'ts' | 'wm';
      readonly name: string;
      /** Lower and upper bounds as fractions of the data points (0..1). */
      readonly lower: number;
      readonly upper: number;
    };

/** What a distribution needs beside its values: the period's exact extremes. */
export interface DistributionAggregate {
  readonly min: number;
  readonly max: number;
  readonly dist?: ValueDistribution;
}

const NUMBER = String.raw`\d{1,3}(?:\.\d{1,10})?`;
const PERCENTILE = new RegExp(`^p(${NUMBER})$`);
const SHORT_TRIMMED = new RegExp(`^(tm|tc|ts|wm)(${NUMBER})$`);
const RANGE_TRIMMED = new RegExp(`^(TM|TC|TS|WM)\\((?:(${NUMBER})%)?:(?:(${NUMBER})%)?\\)$`);

/** The statistic `name` names, or undefined when it is not one this service computes. */
export function parseExtendedStatistic(name: string): ExtendedStatistic | undefined {
  const percentile = PERCENTILE.exec(name);
  if (percentile) {
    const percent = Number(percentile[1]);
    return percent <= 100 ? { kind: 'percentile', name, percent } : undefined;
  }
  const short = SHORT_TRIMMED.exec(name);
  if (short) {
    const upper = Number(short[2]);
    if (upper > 100) return undefined;
    return { kind: short[1] as 'tm', name, lower: 0, upper: upper / 100 };
  }
  if (name === 'IQM') return { kind: 'tm', name, lower: 0.25, upper: 0.75 };
  const range = RANGE_TRIMMED.exec(name);
  if (range && (range[2] !== undefined || range[3] !== undefined)) {
    const lower = Number(range[2] ?? 0);
    const upper = Number(range[3] ?? 100);
    if (lower > 100 || upper > 100 || lower >= upper) return undefined;
    return { kind: (range[1] as string).toLowerCase() as 'tm', name, lower: lower / 100, upper: upper / 100 };
  }
  return undefined;
}

/**
 * Parses GetMetricStatistics' ExtendedStatistics (or a GetMetricData Stat, with `parameter` naming
 * it); a name this service cannot compute is refused as CloudWatch refuses an invalid one.
 */
export function requireExtendedStatistic(name: string, parameter: string): ExtendedStatistic {
  const parsed = parseExtendedStatistic(name);
  if (!parsed) {
    throw new AwsError(
      'InvalidParameterValue',
      `The value ${name} for parameter ${parameter} is not valid: use a percentile p0.0 to p100 ` +
        '(up to 10 decimals), tmNN, tcNN, tsNN, wmNN, IQM or TM/TC/TS/WM(X%:Y%) ' +
        '(absolute-value bounds and PR are not computed by the local cloud)',
    );
  }
  return parsed;
}

/**
 * The statistic's value over a period, or undefined when CloudWatch reports none: no values
 * recorded (data published before values were kept), or a negative value among them.
 */
export function extendedStatisticValue(
  aggregate: DistributionAggregate,
  statistic: ExtendedStatistic,
): number | undefined {
  const dist = aggregate.dist;
  if (!dist || dist.negative) return undefined;
  const pairs = sortedPairs(dist, aggregate.min, aggregate.max);
  const total = pairs.reduce((n, [, count]) => n + count, 0);
  if (total === 0) return undefined;
  if (statistic.kind === 'percentile') {
    // The extremes are known exactly even when the middle is sketched.
    if (statistic.percent === 0) return aggregate.min;
    if (statistic.percent === 100) return aggregate.max;
    return percentile(pairs, total, statistic.percent);
  }
  if (statistic.kind === 'wm') {
    const low = percentile(pairs, total, statistic.lower * 100);
    const high = percentile(pairs, total, statistic.upper * 100);
    let sum = 0;
    for (const [value, count] of pairs) sum += Math.min(high, Math.max(low, value)) * count;
    return sum / total;
  }
  // The trimmed family keeps the data points ranked between lower and upper (a boundary point
  // counts for the fraction of it inside the range, so TC can be fractional, as CloudWatch's is).
  const from = statistic.lower * total;
  const to = statistic.upper * total;
  let weight = 0;
  let sum = 0;
  let rank = 0;
  for (const [value, count] of pairs) {
    const inside = Math.max(0, Math.min(rank + count, to) - Math.max(rank, from));
    weight += inside;
    sum += inside * value;
    rank += count;
  }
  if (statistic.kind === 'tc') return weight;
  if (statistic.kind === 'ts') return sum;
  return weight > 0 ? sum / weight : undefined;
}

/**
 * Nearest rank: the smallest value with at least `percent`% of the data points at or below it
 * (p0 is the minimum, p100 the maximum).
 */
function percentile(pairs: readonly [number, number][], total: number, percent: number): number {
  const rank = Math.max(1, Math.ceil((percent / 100) * total - 1e-9));
  let seen = 0;
  for (const [value, count] of pairs) {
    seen += count;
    if (seen >= rank) return value;
  }
  return (pairs.at(-1) as [number, number])[0];
}

/** Each statistic's value by name; statistics CloudWatch would report no value for are left out. */
export function extendedStatisticValues(
  aggregate: DistributionAggregate,
  statistics: readonly ExtendedStatistic[],
): Record<string, number> {
  const values: Record<string, number> = {};
  for (const statistic of statistics) {
    const value = extendedStatisticValue(aggregate, statistic);
    if (value !== undefined) values[statistic.name] = value;
  }
  return values;
}
