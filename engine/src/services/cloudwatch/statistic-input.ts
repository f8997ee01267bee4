/**
 * The input rules of the statistics a caller asks for (GetMetricStatistics' Statistics /
 * ExtendedStatistics, GetMetricData's Stat) and of PutMetricData's Value / Values / Counts.
 * Facts and sources: AWS-FACTS.md beside this file.
 */

import { AwsError } from '../../runtime/aws-error.ts';
import { type ExtendedStatistic, requireExtendedStatistic } from './extended-statistics.ts';
import { STATISTICS, type Statistic } from './metric-store.ts';

/** GetMetricStatistics: exactly one of Statistics and ExtendedStatistics, each name valid. */
export function requestedStatistics(
  statistics: readonly string[] | undefined,
  extendedStatistics: readonly string[] | undefined,
): { statistics: Statistic[]; extendedStatistics: ExtendedStatistic[] } {
  const basic = statistics ?? [];
  const extended = extendedStatistics ?? [];
  if (basic.length === 0 && extended.length === 0) {
    throw new AwsError('InvalidParameterCombination', 'Must specify either Statistics or ExtendedStatistics');
  }
  if (basic.length > 0 && extended.length > 0) {
    throw new AwsError(
      'InvalidParameterCombination',
      'Must specify either Statistics or ExtendedStatistics, but not both',
    );
  }
  return {
    statistics: basic as Statistic[],
    extendedStatistics: extended.map((name, i) =>
      requireExtendedStatistic(name, `ExtendedStatistics.member.${i + 1}`),
    ),
  };
}

/** GetMetricData: a query's Stat is a basic statistic or an extended one. */
export function queryStatistic(
  stat: string | undefined,
  queryIndex: number,
): { statistic: Statistic } | { extended: ExtendedStatistic } {
  if (stat !== undefined && STATISTICS.includes(stat as Statistic)) return { statistic: stat as Statistic };
  return {
    extended: requireExtendedStatistic(
      String(stat),
      `MetricDataQueries.member.${queryIndex + 1}.MetricStat.Stat`,
    ),
  };
}

/** The largest magnitude CloudWatch accepts for a value (2^360); NaN and infinities are refused. */
const LIMIT = 2 ** 360;
/** At most 150 values per datum. */
const MAX_VALUES = 150;

/**
 * The (value, count) observations of one PutMetricData datum: Value alone, or Values with
 * optional Counts of the same length (each count defaults to 1). Throws before anything is stored.
 */
export function datumObservations(
  datum: { Value?: unknown; Values?: readonly unknown[]; Counts?: readonly unknown[] },
  index: number,
): [number, number][] {
  const where = `MetricData.member.${index + 1}`;
  const number = (value: unknown, field: string): number => {
    const n = typeof value === 'number' ? value : Number.NaN;
    if (!Number.isFinite(n) || Math.abs(n) > LIMIT) {
      throw new AwsError(
        'InvalidParameterValue',
        `The value for parameter ${where}.${field} is not a valid number`,
      );
    }
    return n;
  };
  if (datum.Values !== undefined) {
    if (datum.Value !== undefined) {
      throw new AwsError(
        'InvalidParameterCombination',
        `The parameters ${where}.Value and ${where}.Values are mutually exclusive`,
      );
    }
    if (datum.Values.length > MAX_VALUES) {
      throw new AwsError('InvalidParameterValue', `${where}.Values holds more than ${MAX_VALUES} values`);
    }
    if (datum.Counts !== undefined && datum.Counts.length !== datum.Values.length) {
      throw new AwsError(
        'InvalidParameterValue',
        `The parameters ${where}.Values and ${where}.Counts must be of the same size`,
      );
    }
    return datum.Values.map((value, i) => {
      const count = datum.Counts ? number(datum.Counts[i], `Counts.member.${i + 1}`) : 1;
      if (count < 0) {
        throw new AwsError('InvalidParameterValue', `${where}.Counts.member.${i + 1} must not be negative`);
      }
      return [number(value, `Values.member.${i + 1}`), count];
    });
  }
  if (datum.Counts !== undefined) {
    throw new AwsError('InvalidParameterCombination', `${where}.Counts requires ${where}.Values`);
  }
  return [[datum.Value === undefined ? 0 : number(datum.Value, 'Value'), 1]];
}
