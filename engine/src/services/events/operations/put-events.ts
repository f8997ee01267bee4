import { defineOperation } from '../../../protocol/operation.ts';
import type { EventsService } from '../service.ts';

const ENTRY = {
  type: 'structure',
  fields: {
    Source: { type: 'string' },
    DetailType: { type: 'string' },
    Detail: { type: 'string' },
    Resources: { type: 'list', member: { type: 'string' } },
    Time: { type: 'any' },
    EventBusName: { type: 'string' },
    TraceHeader: { type: 'string' },
  },
} as const;

/**
 * Entries that fail are reported per entry; the call succeeds.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 */
export const putEvents = (events: EventsService) =>
  defineOperation({
    input: {
      Entries: { type: 'list', required: true, maxItems: 10, member: ENTRY },
      EndpointId: { type: 'string' },
    },
    resource: (_i, ctx) => `arn:aws:events:${ctx.region}:${ctx.accountId}:event-bus/default`,
    handle: async (i) => {
      const entries = await events.putEvents(
        i.Entries.map((e) => ({
          ...(e.Source === undefined ? {} : { Source: e.Source }),
          ...(e.DetailType === undefined ? {} : { DetailType: e.DetailType }),
          ...(e.Detail === undefined ? {} : { Detail: e.Detail }),
          ...(e.Resources === undefined ? {} : { Resources: e.Resources }),
          ...(typeof e.Time === 'number' ? { Time: e.Time } : {}),
          ...(e.EventBusName === undefined ? {} : { EventBusName: e.EventBusName }),
        })),
      );
      return { FailedEntryCount: entries.filter((e) => 'ErrorCode' in e).length, Entries: entries };
    },
  });
