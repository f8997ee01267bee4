import { defineOperation } from '../../../protocol/operation.ts';
import type { LogsService } from '../service.ts';
import { withEventIds } from './event-ids.ts';
import { GROUP, logGroupArn } from './fields.ts';

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html */
export const filterLogEvents = (logs: LogsService) =>
  defineOperation({
    input: {
      logGroupName: GROUP,
      logStreamNames: { type: 'list', member: { type: 'string' } },
      filterPattern: { type: 'string' },
      startTime: { type: 'integer' },
      endTime: { type: 'integer' },
      limit: { type: 'integer', min: 1, max: 10_000 },
      nextToken: { type: 'string' },
      interleaved: { type: 'boolean' },
    },
    resource: (i) => logGroupArn(logs, i.logGroupName),
    handle: async (i) => ({
      events: withEventIds(await logs.filterLogEvents(i)).map(([e, eventId]) => ({
        logStreamName: e.logStreamName,
        timestamp: e.timestamp,
        message: e.message,
        ingestionTime: e.ingestionTime,
        eventId,
      })),
      searchedLogStreams: [],
    }),
  });
