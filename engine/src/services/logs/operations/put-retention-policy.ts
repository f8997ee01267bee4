import { defineOperation } from '../../../protocol/operation.ts';
import type { LogsService } from '../service.ts';
import { GROUP, logGroupArn } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html */
export const putRetentionPolicy = (logs: LogsService) =>
  defineOperation({
    input: { logGroupName: GROUP, retentionInDays: { type: 'integer', required: true } },
    resource: (i) => logGroupArn(logs, i.logGroupName),
    handle: (i) => {
      logs.putRetentionPolicy(i.logGroupName, i.retentionInDays);
      return {};
    },
  });
