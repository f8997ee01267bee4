import { defineOperation } from '../../../protocol/operation.ts';
import type { EventsService } from '../service.ts';
import { BUS_NAME, RULE_NAME } from './names.ts';

/**
 * Refused while the rule has targets, as EventBridge does; deleting a rule that does not exist
 * succeeds. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteRule.html
 */
export const deleteRule = (events: EventsService) =>
  defineOperation({
    input: { Name: RULE_NAME, EventBusName: BUS_NAME, Force: { type: 'boolean' } },
    resource: (i, ctx) => `arn:aws:events:${ctx.region}:${ctx.accountId}:rule/${i.Name}`,
    handle: (i) => {
      if (events.listRules(i.Name).some((rule) => rule.name === i.Name)) events.deleteRule(i.Name);
      return {};
    },
  });
