import type { MetricDatum } from './metric-sink.ts';
import { addValue, cloneDistribution, mergeInto, type ValueDistribution } from './value-distribution.ts';

/** Per-minute aggregate of one metric: enough for Sum, Average, Minimum, Maximum and SampleCount. */
export interface Aggregate {
  sum: number;
  count: number;
  min: number;
  max: number;
  /** The minute's values, bounded (value-distribution.ts), for the percentile statistics. */
  dist?: ValueDistribution;
}

export type Statistic = 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount';
export const STATISTICS: readonly Statistic[] = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'];

export interface MetricIdentity {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

const MINUTE = 60_000;
/** CloudWatch keeps 1-minute data for 15 days. */
const KEEP_MS = 15 * 86_400_000;

/**
 * Metrics aggregated per minute. A metric is its namespace, name and exact dimension set, as in
 * CloudWatch: {ApiId} and {ApiId, Stage} are two metrics.
 */
export class MetricStore {
  readonly series = new Map<string, { identity: MetricIdentity; minutes: Map<number, Aggregate> }>();

  put(datum: MetricDatum): void {
    const id = metricKey(datum);
    let entry = this.series.get(id);
    if (!entry) {
      entry = {
        identity: {
          namespace: datum.namespace,
          metricName: datum.metricName,
          dimensions: { ...datum.dimensions },
        },
        minutes: new Map(),
      };
      this.series.set(id, entry);
    }
    const minute = Math.floor(datum.timestamp / MINUTE) * MINUTE;
    const aggregate = entry.minutes.get(minute);
    const count = datum.count ?? 1;
    if (aggregate) {
      aggregate.sum += datum.value * count;
      aggregate.count += count;
      aggregate.min = Math.min(aggregate.min, datum.value);
      aggregate.max = Math.max(aggregate.max, datum.value);
      // A minute restored from state saved before values were kept stays without them.
      if (aggregate.dist) addValue(aggregate.dist, datum.value, count);
    } else {
      const dist = addValue(undefined, datum.value, count);
      entry.minutes.set(minute, {
        sum: datum.value * count,
        count,
        min: datum.value,
        max: datum.value,
        dist,
      });
    }
  }

  /**
   * Aggregates over [start, end) in periods of `periodMs`; periods with no data are absent. With
   * `withValues` each period also carries its merged value distribution (for percentiles).
   */
  statistics(
    identity: MetricIdentity,
    start: number,
    end: number,
    periodMs: number,
    withValues = false,
  ): Map<number, Aggregate> {
    const result = new Map<number, Aggregate>();
    const entry = this.series.get(metricKey(identity));
    if (!entry) return result;
    // An alarm reads a few minutes out of up to 15 days kept: look those minutes up rather than
    // scanning every stored one (evaluation runs every emulated minute).
    const first = Math.ceil(start / MINUTE) * MINUTE;
    const rows: Iterable<[number, Aggregate]> =
      (end - first) / MINUTE < entry.minutes.size ? minutesIn(entry.minutes, first, end) : entry.minutes;
    for (const [minute, aggregate] of rows) {
      if (minute < start || minute >= end) continue;
      const period = Math.floor(minute / periodMs) * periodMs;
      const merged = result.get(period);
      if (merged) {
        merged.sum += aggregate.sum;
        merged.count += aggregate.count;
        merged.min = Math.min(merged.min, aggregate.min);
        merged.max = Math.max(merged.max, aggregate.max);
        if (withValues)
          merged.dist = merged.dist && aggregate.dist && mergedDistribution(merged.dist, aggregate.dist);
      } else {
        const { dist, ...totals } = aggregate;
        result.set(period, withValues && dist ? { ...totals, dist: cloneDistribution(dist) } : totals);
      }
    }
    return result;
  }

  list(filter: { namespace?: string; metricName?: string } = {}): MetricIdentity[] {
    return [...this.series.values()]
      .map((entry) => entry.identity)
      .filter(
        (m) =>
          (!filter.namespace || m.namespace === filter.namespace) &&
          (!filter.metricName || m.metricName === filter.metricName),
      );
  }

  prune(now: number): void {
    for (const entry of this.series.values()) {
      for (const minute of entry.minutes.keys()) if (minute < now - KEEP_MS) entry.minutes.delete(minute);
    }
  }

  toJSON(): [string, MetricIdentity, [number, Aggregate][]][] {
    return [...this.series].map(([id, entry]) => [id, entry.identity, [...entry.minutes]]);
  }

  static fromJSON(rows: [string, MetricIdentity, [number, Aggregate][]][]): MetricStore {
    const store = new MetricStore();
    for (const [id, identity, minutes] of rows) store.series.set(id, { identity, minutes: new Map(minutes) });
    return store;
  }
}

/** A minute saved without its values leaves the period's percentiles unknown (undefined). */
function mergedDistribution(target: ValueDistribution, source: ValueDistribution): ValueDistribution {
  mergeInto(target, source);
  return target;
}

function* minutesIn(
  minutes: Map<number, Aggregate>,
  first: number,
  end: number,
): Generator<[number, Aggregate]> {
  for (let minute = first; minute < end; minute += MINUTE) {
    const aggregate = minutes.get(minute);
    if (aggregate) yield [minute, aggregate];
  }
}

export function statisticValue(aggregate: Aggregate, statistic: Statistic): number {
  switch (statistic) {
    case 'Sum':
      return aggregate.sum;
    case 'Average':
      return aggregate.sum / aggregate.count;
    case 'Minimum':
      return aggregate.min;
    case 'Maximum':
      return aggregate.max;
    case 'SampleCount':
      return aggregate.count;
  }
}

export function metricKey(identity: MetricIdentity): string {
  // Called for every datum the gateway and Lambda record: one string, no intermediate arrays.
  const names = Object.keys(identity.dimensions);
  if (names.length > 1) names.sort();
  let key = `${identity.namespace}|${identity.metricName}|`;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    key += `${i > 0 ? ',' : ''}${name}=${identity.dimensions[name]}`;
  }
  return key;
}
