import { defineOperation } from '../../../protocol/operation.ts';
import type { EventsService } from '../service.ts';
import { ruleView } from './rule-view.ts';

/** One page of every rule on the default bus. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListRules.html */
export const listRules = (events: EventsService) =>
  defineOperation({
    input: {
      NamePrefix: { type: 'string' },
      EventBusName: { type: 'string' },
      Limit: { type: 'integer' },
      NextToken: { type: 'string' },
    },
    handle: (i) => ({ Rules: events.listRules(i.NamePrefix ?? '').map(ruleView) }),
  });
