import { defineOperation } from '../../../protocol/operation.ts';
import type { CloudWatchService } from '../service.ts';
import { datumObservations } from '../statistic-input.ts';
import { DIMENSIONS, toDimensions, toMs } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html */
export const putMetricData = (cloudwatch: CloudWatchService) =>
  defineOperation({
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
  });
