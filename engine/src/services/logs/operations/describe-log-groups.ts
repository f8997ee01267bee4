import { defineOperation } from '../../../protocol/operation.ts';
import type { LogsService } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html */
export const describeLogGroups = (logs: LogsService) =>
  defineOperation({
    input: {
      logGroupNamePrefix: { type: 'string' },
      limit: { type: 'integer', min: 1, max: 50 },
      nextToken: { type: 'string' },
    },
    handle: (i) => ({
      logGroups: logs.describeLogGroups(i.logGroupNamePrefix ?? '').map((g) => ({
        logGroupName: g.logGroupName,
        creationTime: g.creationTime,
        arn: g.arn,
        logGroupArn: g.arn.replace(/:\*$/, ''),
        storedBytes: g.storedBytes,
        metricFilterCount: 0,
        ...(g.retentionInDays === undefined ? {} : { retentionInDays: g.retentionInDays }),
      })),
    }),
  });
