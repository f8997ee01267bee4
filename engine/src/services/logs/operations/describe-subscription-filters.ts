import { defineOperation } from '../../../protocol/operation.ts';
import type { LogsService } from '../service.ts';
import { GROUP, logGroupArn } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeSubscriptionFilters.html */
export const describeSubscriptionFilters = (logs: LogsService) =>
  defineOperation({
    input: { logGroupName: GROUP, filterNamePrefix: { type: 'string' } },
    resource: (i) => logGroupArn(logs, i.logGroupName),
    handle: (i) => ({
      subscriptionFilters: logs
        .describeSubscriptionFilters(i.logGroupName)
        .filter((f) => f.filterName.startsWith(i.filterNamePrefix ?? ''))
        .map((f) => ({ ...f, logGroupName: i.logGroupName, distribution: 'ByLogStream' })),
    }),
  });
