import { defineOperation } from '../../../protocol/operation.ts';
import type { EventsService } from '../service.ts';
import { RULE_NAME } from './names.ts';
import { ruleView } from './rule-view.ts';

/** https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DescribeRule.html */
export const describeRule = (events: EventsService) =>
  defineOperation({
    input: { Name: RULE_NAME, EventBusName: { type: 'string' } },
    resource: (i) => events.describeRule(i.Name).arn,
    handle: (i) => ruleView(events.describeRule(i.Name)),
  });
