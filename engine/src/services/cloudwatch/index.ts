/**
 * CloudWatch metrics and alarms for the local cloud.
 *
 * LIMITATIONS (what this does not emulate):
 * - Datapoints are aggregated per minute: periods must be multiples of 60 s (no high resolution);
 *   statistics Sum, Average, Minimum, Maximum, SampleCount and the extended pNN, tmNN, tcNN, tsNN,
 *   wmNN, IQM and TM/TC/TS/WM(X%:Y%) (not absolute-bound ranges nor PR; no metric math). Percentiles
 *   are exact up to 64 distinct values a minute, then within 1% (AWS-FACTS.md). Alarms take
 *   Statistic only (no ExtendedStatistic); PutMetricData's StatisticValues is not emulated.
 * - Alarms are evaluated a few seconds after every emulated minute; composite and anomaly
 *   detection alarms are not supported; only SNS topic actions run (others are recorded as failed).
 * - Metrics are kept 15 days at 1-minute resolution (AWS rolls them up and keeps them longer).
 *   Each minute's values (for percentiles) cost up to ~1 KB of 64 pairs, or one count per 2%-wide
 *   value band once sketched (a latency spread over 1 ms-1 s fills at most ~350): a series loaded
 *   every minute for 15 days can add tens of MB to cloudwatch.json, which is rewritten on save.
 */
export {
  type AlarmState,
  type ComparisonOperator,
  evaluateAlarm,
  type TreatMissingData,
} from './alarm-evaluation.ts';
export type { MetricDatum, MetricSink } from './metric-sink.ts';
export { type MetricIdentity, MetricStore, type Statistic } from './metric-store.ts';
export type { Alarm, AlarmDefinition, AlarmHistoryItem } from './model.ts';
export { cloudwatchServiceEntry } from './operation-table.ts';
export { CloudWatchService, type CloudWatchServiceOptions } from './service.ts';
