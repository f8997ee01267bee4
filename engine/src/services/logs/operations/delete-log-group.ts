import { defineOperation } from '../../../protocol/operation.ts';
import type { LogsService } from '../service.ts';
import { GROUP, logGroupArn } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteLogGroup.html */
export const deleteLogGroup = (logs: LogsService) =>
  defineOperation({
    input: { logGroupName: GROUP },
    resource: (i) => logGroupArn(logs, i.logGroupName),
    handle: (i) => {
      logs.deleteLogGroup(i.logGroupName);
      return {};
    },
  });
