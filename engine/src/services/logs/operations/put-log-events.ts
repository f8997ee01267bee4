import { defineOperation } from '../../../protocol/operation.ts';
import { logsErrors } from '../errors.ts';
import type { LogsService } from '../service.ts';
import { GROUP, logGroupArn } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html */
export const putLogEvents = (logs: LogsService) =>
  defineOperation({
    input: {
      logGroupName: GROUP,
      logStreamName: { type: 'string', required: true, minLength: 1, maxLength: 512 },
      logEvents: {
        type: 'list',
        required: true,
        maxItems: 10_000,
        member: {
          type: 'structure',
          fields: {
            timestamp: { type: 'integer', required: true },
            message: { type: 'string', required: true },
          },
        },
      },
      sequenceToken: { type: 'string' },
    },
    resource: (i) => logGroupArn(logs, i.logGroupName),
    handle: (i) => {
      // The engine's own writers create their streams; a caller must CreateLogStream first.
      if (logs.hasLogGroup(i.logGroupName) && !logs.hasLogStream(i.logGroupName, i.logStreamName))
        throw logsErrors.streamNotFound();
      logs.putLogEvents(i.logGroupName, i.logStreamName, i.logEvents);
      return { nextSequenceToken: undefined };
    },
  });
