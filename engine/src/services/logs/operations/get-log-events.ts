import { defineOperation } from '../../../protocol/operation.ts';
import type { LogsService } from '../service.ts';
import { GROUP, logGroupArn } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html */
export const getLogEvents = (logs: LogsService) =>
  defineOperation({
    input: {
      logGroupName: GROUP,
      logStreamName: { type: 'string', required: true },
      startTime: { type: 'integer' },
      endTime: { type: 'integer' },
      startFromHead: { type: 'boolean' },
      limit: { type: 'integer', min: 1, max: 10_000 },
      nextToken: { type: 'string' },
    },
    resource: (i) => logGroupArn(logs, i.logGroupName),
    handle: async (i) => {
      // One page holds everything asked for; the tokens point past it, so paging ends.
      const events = await logs.getLogEvents(i);
      return {
        events: events.map((e) => ({
          timestamp: e.timestamp,
          message: e.message,
          ingestionTime: e.ingestionTime,
        })),
        nextForwardToken: `f/${String(events.at(-1)?.timestamp ?? 0).padStart(20, '0')}`,
        nextBackwardToken: `b/${String(events[0]?.timestamp ?? 0).padStart(20, '0')}`,
      };
    },
  });
