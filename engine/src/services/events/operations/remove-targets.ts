import { defineOperation } from '../../../protocol/operation.ts';
import type { EventsService } from '../service.ts';
import { BUS_NAME, RULE_NAME } from './names.ts';

/** https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RemoveTargets.html */
export const removeTargets = (events: EventsService) =>
  defineOperation({
    input: {
      Rule: RULE_NAME,
      EventBusName: BUS_NAME,
      Ids: {
        type: 'list',
        required: true,
        maxItems: 100,
        member: { type: 'string', minLength: 1, maxLength: 64 },
      },
      Force: { type: 'boolean' },
    },
    resource: (i) => events.describeRule(i.Rule).arn,
    handle: (i) => {
      events.removeTargets(i.Rule, i.Ids);
      return { FailedEntryCount: 0, FailedEntries: [] };
    },
  });
