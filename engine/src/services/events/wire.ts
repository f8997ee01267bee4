/**
 * EventBridge on the AWS endpoint (awsJson1_1, `AWSEvents.<Operation>`): enough for the AWS CLI to
 * list and inspect rules and for `tapstack trigger` to find a rule's targets.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Operations.html
 */
import type { JsonServiceEntry } from '../../edge/service-map.ts';
import { defineOperation } from '../../protocol/operation.ts';
import type { EventsService, Rule } from './events-service.ts';

const NAME = { type: 'string', required: true, minLength: 1, maxLength: 64 } as const;

const ruleView = (rule: Rule) => ({
  Name: rule.name,
  Arn: rule.arn,
  State: rule.state,
  EventBusName: 'default',
  ...(rule.scheduleExpression ? { ScheduleExpression: rule.scheduleExpression } : {}),
  ...(rule.eventPattern ? { EventPattern: rule.eventPattern } : {}),
  ...(rule.description ? { Description: rule.description } : {}),
});

export function eventsWireService(events: EventsService): JsonServiceEntry {
  return {
    kind: 'json',
    iamPrefix: 'events',
    protocol: { version: '1.1', targetPrefixes: ['AWSEvents'], errorNamespace: 'com.amazonaws.events' },
    operations: {
      ListRules: defineOperation({
        input: {
          NamePrefix: { type: 'string' },
          EventBusName: { type: 'string' },
          Limit: { type: 'integer' },
          NextToken: { type: 'string' },
        },
        handle: (i) => ({ Rules: events.listRules(i.NamePrefix ?? '').map(ruleView) }),
      }),
      DescribeRule: defineOperation({
        input: { Name: NAME, EventBusName: { type: 'string' } },
        resource: (i) => events.describeRule(i.Name).arn,
        handle: (i) => ruleView(events.describeRule(i.Name)),
      }),
      ListTargetsByRule: defineOperation({
        input: { Rule: NAME, EventBusName: { type: 'string' } },
        resource: (i) => events.describeRule(i.Rule).arn,
        handle: (i) => ({
          Targets: events
            .describeRule(i.Rule)
            .targets.map((t) => ({ Id: t.id, Arn: t.arn, ...(t.input ? { Input: t.input } : {}) })),
        }),
      }),
      EnableRule: defineOperation({
        input: { Name: NAME },
        resource: (i) => events.describeRule(i.Name).arn,
        handle: (i) => {
          events.setState(i.Name, 'ENABLED');
          return {};
        },
      }),
      DisableRule: defineOperation({
        input: { Name: NAME },
        resource: (i) => events.describeRule(i.Name).arn,
        handle: (i) => {
          events.setState(i.Name, 'DISABLED');
          return {};
        },
      }),
    },
  };
}
