import { defineOperation } from '../../../protocol/operation.ts';
import type { LogsService } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogStream.html */
export const createLogStream = (logs: LogsService) =>
  defineOperation({
    input: {
      logGroupName: { type: 'string', required: true, minLength: 1, maxLength: 512 },
      logStreamName: { type: 'string', required: true, minLength: 1, maxLength: 512 },
    },
    resource: (i) => `${logs.groupArn(i.logGroupName).replace(/:\*$/, '')}:log-stream:${i.logStreamName}`,
    handle: (i) => {
      logs.createLogStream(i.logGroupName, i.logStreamName);
      return {};
    },
  });
