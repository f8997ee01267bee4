import { defineOperation } from '../../../protocol/operation.ts';
import type { CloudWatchService } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html */
export const listMetrics = (cloudwatch: CloudWatchService) =>
  defineOperation({
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
  });
