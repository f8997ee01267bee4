import { defineOperation } from '../../../protocol/operation.ts';
import type { LogsService } from '../service.ts';
import { GROUP, logGroupArn } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html */
export const describeLogStreams = (logs: LogsService) =>
  defineOperation({
    input: {
      logGroupName: GROUP,
      logStreamNamePrefix: { type: 'string' },
      orderBy: { type: 'string', enum: ['LogStreamName', 'LastEventTime'] },
      descending: { type: 'boolean' },
      limit: { type: 'integer', min: 1, max: 50 },
      nextToken: { type: 'string' },
    },
    resource: (i) => logGroupArn(logs, i.logGroupName),
    handle: (i) => ({
      logStreams: logs
        .describeLogStreams(i.logGroupName, {
          ...(i.logStreamNamePrefix ? { prefix: i.logStreamNamePrefix } : {}),
          ...(i.orderBy ? { orderBy: i.orderBy as 'LogStreamName' | 'LastEventTime' } : {}),
          ...(i.descending ? { descending: true } : {}),
        })
        .slice(0, i.limit ?? 50)
        .map((s) => ({
          logStreamName: s.streamName,
          creationTime: s.creationTime,
          firstEventTimestamp: s.firstEventTimestamp,
          lastEventTimestamp: s.lastEventTimestamp,
          lastIngestionTime: s.lastIngestionTime,
          arn: s.arn,
          storedBytes: s.storedBytes,
        })),
    }),
  });
