/**
 * CloudWatch on the AWS endpoint: the current SDK speaks awsJson1_0
 * (`GraniteServiceVersion20100801.<Operation>`), timestamps as epoch seconds.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Operations.html
 */

import { defineOperation } from '../../protocol/operation.ts';
import type { JsonServiceEntry } from '../../protocol/service-entry.ts';
import { AwsError } from '../../runtime/aws-error.ts';
import type { AlarmState } from './alarm-evaluation.ts';
import type { Alarm, CloudWatchService } from './cloudwatch-service.ts';
import { datumObservations, queryStatistic, requestedStatistics } from './statistic-input.ts';

const DIMENSIONS = {
  type: 'list',
  member: {
    type: 'structure',
    fields: { Name: { type: 'string', required: true }, Value: { type: 'string', required: true } },
  },
} as const;
const toDimensions = (list: readonly { Name: string; Value: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((list ?? []).map((d) => [d.Name, d.Value]));
const seconds = (ms: number): number => ms / 1000;

/** Accepts epoch seconds (what the SDK sends) or ISO text. */
function toMs(value: unknown, field: string): number {
  const ms =
    typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new AwsError('InvalidParameterValue', `${field} must be a timestamp`);
  return ms;
}

function alarmView(alarm: Alarm) {
  return {
    AlarmName: alarm.alarmName,
    AlarmArn: alarm.alarmArn,
    AlarmDescription: alarm.alarmDescription,
    ActionsEnabled: alarm.actionsEnabled ?? true,
    AlarmActions: alarm.alarmActions ?? [],
    OKActions: alarm.okActions ?? [],
    InsufficientDataActions: alarm.insufficientDataActions ?? [],
    StateValue: alarm.stateValue,
    StateReason: alarm.stateReason,
    StateUpdatedTimestamp: seconds(alarm.stateUpdatedTimestamp),
    MetricName: alarm.metricName,
    Namespace: alarm.namespace,
    Statistic: alarm.statistic,
    Dimensions: Object.entries(alarm.dimensions).map(([Name, Value]) => ({ Name, Value })),
    Period: alarm.period,
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparisonOperator,
    TreatMissingData: alarm.treatMissingData ?? 'missing',
  };
}

export function cloudwatchWireService(cloudwatch: CloudWatchService): JsonServiceEntry {
  return {
    kind: 'json',
    iamPrefix: 'cloudwatch',
    validationCode: 'InvalidParameterValue',
    protocol: {
      version: '1.0',
      targetPrefixes: ['GraniteServiceVersion20100801'],
      errorNamespace: 'com.amazonaws.cloudwatch',
    },
    operations: {
      PutMetricData: defineOperation({
        input: {
          Namespace: { type: 'string', required: true },
          MetricData: {
            type: 'list',
            required: true,
            member: {
              type: 'structure',
              fields: {
                MetricName: { type: 'string', required: true },
                Dimensions: DIMENSIONS,
                Value: { type: 'any' },
                Values: { type: 'list', member: { type: 'any' } },
                Counts: { type: 'list', member: { type: 'any' } },
                Unit: { type: 'string' },
                Timestamp: { type: 'any' },
              },
            },
          },
        },
        handle: (i) => {
          // Every datum is checked before any is stored: a bad one leaves the metrics unchanged.
          const data = i.MetricData.map((datum, index) => ({
            datum,
            observations: datumObservations(datum, index).filter(([, count]) => count > 0),
            timestamp: datum.Timestamp === undefined ? Date.now() : toMs(datum.Timestamp, 'Timestamp'),
          }));
          for (const { datum, observations, timestamp } of data) {
            for (const [value, count] of observations) {
              cloudwatch.putMetric({
                namespace: i.Namespace,
                metricName: datum.MetricName,
                dimensions: toDimensions(datum.Dimensions),
                value,
                count,
                unit: datum.Unit ?? 'None',
                timestamp,
              });
            }
          }
          return {};
        },
      }),
      GetMetricStatistics: defineOperation({
        input: {
          Namespace: { type: 'string', required: true },
          MetricName: { type: 'string', required: true },
          Dimensions: DIMENSIONS,
          StartTime: { type: 'any', required: true },
          EndTime: { type: 'any', required: true },
          Period: { type: 'integer', required: true, min: 1 },
          Statistics: { type: 'list', member: { type: 'string' } },
          ExtendedStatistics: { type: 'list', member: { type: 'string' } },
        },
        handle: (i) => ({
          Label: i.MetricName,
          Datapoints: cloudwatch
            .getMetricStatistics({
              namespace: i.Namespace,
              metricName: i.MetricName,
              dimensions: toDimensions(i.Dimensions),
              startTime: toMs(i.StartTime, 'StartTime'),
              endTime: toMs(i.EndTime, 'EndTime'),
              period: i.Period,
              ...requestedStatistics(i.Statistics, i.ExtendedStatistics),
            })
            .map(({ timestamp, extendedStatistics, ...values }) => ({
              Timestamp: seconds(timestamp),
              ...values,
              ...(extendedStatistics ? { ExtendedStatistics: extendedStatistics } : {}),
              Unit: 'None',
            })),
        }),
      }),
      GetMetricData: defineOperation({
        input: {
          MetricDataQueries: { type: 'list', required: true, member: { type: 'any' } },
          StartTime: { type: 'any', required: true },
          EndTime: { type: 'any', required: true },
        },
        handle: (i) => ({
          MetricDataResults: i.MetricDataQueries.map((raw, index) => {
            const query = raw as {
              Id: string;
              Label?: string;
              Expression?: string;
              MetricStat?: {
                Metric: {
                  Namespace: string;
                  MetricName: string;
                  Dimensions?: { Name: string; Value: string }[];
                };
                Period: number;
                Stat: string;
              };
            };
            if (!query.MetricStat) {
              throw new AwsError(
                'InvalidParameterValue',
                `Query ${query.Id}: metric math expressions are not supported by the local cloud; use MetricStat`,
              );
            }
            const stat = queryStatistic(query.MetricStat.Stat, index);
            const points = cloudwatch.getMetricStatistics({
              namespace: query.MetricStat.Metric.Namespace,
              metricName: query.MetricStat.Metric.MetricName,
              dimensions: toDimensions(query.MetricStat.Metric.Dimensions),
              startTime: toMs(i.StartTime, 'StartTime'),
              endTime: toMs(i.EndTime, 'EndTime'),
              period: query.MetricStat.Period,
              ...('statistic' in stat
                ? { statistics: [stat.statistic] }
                : { statistics: [], extendedStatistics: [stat.extended] }),
            });
            // A period without a value for the statistic (percentiles of negative data) is left out.
            const values = points
              .map((p) => ({
                t: seconds(p.timestamp),
                v:
                  'statistic' in stat
                    ? Number((p as Record<string, unknown>)[stat.statistic])
                    : p.extendedStatistics?.[stat.extended.name],
              }))
              .filter((p): p is { t: number; v: number } => p.v !== undefined)
              .reverse();
            return {
              Id: query.Id,
              Label: query.Label ?? query.MetricStat.Metric.MetricName,
              Timestamps: values.map((p) => p.t),
              Values: values.map((p) => p.v),
              StatusCode: 'Complete',
            };
          }),
        }),
      }),
      ListMetrics: defineOperation({
        input: { Namespace: { type: 'string' }, MetricName: { type: 'string' } },
        handle: (i) => ({
          Metrics: cloudwatch
            .listMetrics({
              ...(i.Namespace ? { namespace: i.Namespace } : {}),
              ...(i.MetricName ? { metricName: i.MetricName } : {}),
            })
            .map((m) => ({
              Namespace: m.namespace,
              MetricName: m.metricName,
              Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value })),
            })),
        }),
      }),
      DescribeAlarms: defineOperation({
        input: {
          AlarmNames: { type: 'list', member: { type: 'string' } },
          AlarmNamePrefix: { type: 'string' },
          StateValue: { type: 'string', enum: ['OK', 'ALARM', 'INSUFFICIENT_DATA'] },
        },
        handle: (i) => ({
          MetricAlarms: cloudwatch
            .describeAlarms({
              ...(i.AlarmNames?.length ? { alarmNames: i.AlarmNames } : {}),
              ...(i.AlarmNamePrefix ? { prefix: i.AlarmNamePrefix } : {}),
              ...(i.StateValue ? { stateValue: i.StateValue as AlarmState } : {}),
            })
            .map(alarmView),
          CompositeAlarms: [],
        }),
      }),
      DescribeAlarmHistory: defineOperation({
        input: { AlarmName: { type: 'string' }, HistoryItemType: { type: 'string' } },
        handle: (i) => ({
          AlarmHistoryItems: cloudwatch
            .describeAlarmHistory(i.AlarmName)
            .filter((h) => !i.HistoryItemType || h.historyItemType === i.HistoryItemType)
            .map((h) => ({
              AlarmName: h.alarmName,
              AlarmType: 'MetricAlarm',
              Timestamp: seconds(h.timestamp),
              HistoryItemType: h.historyItemType,
              HistorySummary: h.historySummary,
            })),
        }),
      }),
      SetAlarmState: defineOperation({
        input: {
          AlarmName: { type: 'string', required: true },
          StateValue: { type: 'string', required: true, enum: ['OK', 'ALARM', 'INSUFFICIENT_DATA'] },
          StateReason: { type: 'string', required: true },
        },
        handle: async (i) => {
          await cloudwatch.setAlarmState(i.AlarmName, i.StateValue as AlarmState, i.StateReason);
          return {};
        },
      }),
    },
  };
}
