import { defineOperation } from '../../../protocol/operation.ts';
import { cloudwatchErrors } from '../errors.ts';
import type { Statistic } from '../metric-store.ts';
import type { CloudWatchService } from '../service.ts';
import { seconds, toDimensions, toMs } from './fields.ts';

/** One MetricDataQuery as the SDK sends it; only MetricStat queries are answered. */
interface MetricDataQuery {
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
}

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html */
export const getMetricData = (cloudwatch: CloudWatchService) =>
  defineOperation({
    input: {
      MetricDataQueries: { type: 'list', required: true, member: { type: 'any' } },
      StartTime: { type: 'any', required: true },
      EndTime: { type: 'any', required: true },
    },
    handle: (i) => ({
      MetricDataResults: i.MetricDataQueries.map((raw) => {
        const query = raw as MetricDataQuery;
        if (!query.MetricStat) throw cloudwatchErrors.metricMathUnsupported(query.Id);
        const points = cloudwatch.getMetricStatistics({
          namespace: query.MetricStat.Metric.Namespace,
          metricName: query.MetricStat.Metric.MetricName,
          dimensions: toDimensions(query.MetricStat.Metric.Dimensions),
          startTime: toMs(i.StartTime, 'StartTime'),
          endTime: toMs(i.EndTime, 'EndTime'),
          period: query.MetricStat.Period,
          statistics: [query.MetricStat.Stat as Statistic],
        });
        const stat = query.MetricStat.Stat;
        return {
          Id: query.Id,
          Label: query.Label ?? query.MetricStat.Metric.MetricName,
          Timestamps: points.map((p) => seconds(p.timestamp)).reverse(),
          Values: points.map((p) => Number((p as Record<string, number>)[stat])).reverse(),
          StatusCode: 'Complete',
        };
      }),
    }),
  });
