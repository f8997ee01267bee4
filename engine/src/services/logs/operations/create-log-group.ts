import { defineOperation } from '../../../protocol/operation.ts';
import type { LogsService } from '../service.ts';
import { GROUP, logGroupArn } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html */
export const createLogGroup = (logs: LogsService) =>
  defineOperation({
    input: { logGroupName: GROUP, tags: { type: 'any' } },
    resource: (i) => logGroupArn(logs, i.logGroupName),
    handle: (i) => {
      logs.createLogGroup({
        logGroupName: i.logGroupName,
        tags: (i.tags ?? {}) as Record<string, string>,
      });
      return {};
    },
  });
