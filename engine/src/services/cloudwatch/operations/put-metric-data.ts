import { defineOperation } from '../../../protocol/operation.ts';
import type { CloudWatchService } from '../service.ts';
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
            Unit: { type: 'string' },
            Timestamp: { type: 'any' },
          },
        },
      },
    },
    handle: (i) => {
      for (const datum of i.MetricData) {
        cloudwatch.putMetric({
          namespace: i.Namespace,
          metricName: datum.MetricName,
          dimensions: toDimensions(datum.Dimensions),
          value: Number(datum.Value ?? 0),
          unit: datum.Unit ?? 'None',
          timestamp: datum.Timestamp === undefined ? Date.now() : toMs(datum.Timestamp, 'Timestamp'),
        });
      }
      return {};
    },
  });
