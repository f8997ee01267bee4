import { defineOperation } from '../../../protocol/operation.ts';
import type { CloudWatchService } from '../service.ts';
import { requestedStatistics } from '../statistic-input.ts';
import { DIMENSIONS, seconds, toDimensions, toMs } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html */
export const getMetricStatistics = (cloudwatch: CloudWatchService) =>
  defineOperation({
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
  });
