import { defineOperation } from '../../../protocol/operation.ts';
import { cloudwatchErrors } from '../errors.ts';
import type { CloudWatchService } from '../service.ts';
import { queryStatistic } from '../statistic-input.ts';
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
      MetricDataResults: i.MetricDataQueries.map((raw, index) => {
        const query = raw as MetricDataQuery;
        if (!query.MetricStat) throw cloudwatchErrors.metricMathUnsupported(query.Id);
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
  });
