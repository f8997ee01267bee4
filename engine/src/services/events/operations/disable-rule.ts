import { defineOperation } from '../../../protocol/operation.ts';
import type { EventsService } from '../service.ts';
import { RULE_NAME } from './names.ts';

/** https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DisableRule.html */
export const disableRule = (events: EventsService) =>
  defineOperation({
    input: { Name: RULE_NAME },
    resource: (i) => events.describeRule(i.Name).arn,
    handle: (i) => {
      events.setState(i.Name, 'DISABLED');
      return {};
    },
  });
