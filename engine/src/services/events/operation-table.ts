/**
 * EventBridge on the AWS endpoint (awsJson1_1, `AWSEvents.<Operation>`): rules and targets
 * (list, inspect, put, remove, delete) and PutEvents routed by event pattern.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Operations.html
 */

import { defineOperation } from '../../protocol/operation.ts';
import type { JsonServiceEntry } from '../../protocol/service-entry.ts';
import type { EventsService, Rule } from './events-service.ts';
import { deleteRule } from './operations/delete-rule.ts';
import { listTargetsByRule } from './operations/list-targets-by-rule.ts';
import { putEvents } from './operations/put-events.ts';
import { putRule } from './operations/put-rule.ts';
import { putTargets } from './operations/put-targets.ts';
import { removeTargets } from './operations/remove-targets.ts';

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
      ListTargetsByRule: listTargetsByRule(events),
      PutRule: putRule(events),
      DeleteRule: deleteRule(events),
      PutTargets: putTargets(events),
      RemoveTargets: removeTargets(events),
      PutEvents: putEvents(events),
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
