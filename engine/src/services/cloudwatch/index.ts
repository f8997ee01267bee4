/**
 * CloudWatch metrics and alarms for the local cloud.
 *
 * LIMITATIONS (what this does not emulate):
 * - Datapoints are aggregated per minute: periods must be multiples of 60 s (no high resolution);
 *   statistics Sum, Average, Minimum, Maximum and SampleCount (no percentiles, no metric math).
 * - Alarms are evaluated a few seconds after every emulated minute; composite and anomaly
 *   detection alarms are not supported; only SNS topic actions run (others are recorded as failed).
 * - Metrics are kept 15 days at 1-minute resolution (AWS rolls them up and keeps them longer).
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
