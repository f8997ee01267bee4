/**
 * EventBridge on the AWS endpoint (awsJson1_1, `AWSEvents.<Operation>`): rules and targets
 * (list, inspect, put, remove, delete) and PutEvents routed by event pattern.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Operations.html
 */
import type { JsonServiceEntry } from '../../protocol/service-entry.ts';
import { deleteRule } from './operations/delete-rule.ts';
import { describeRule } from './operations/describe-rule.ts';
import { disableRule } from './operations/disable-rule.ts';
import { enableRule } from './operations/enable-rule.ts';
import { listRules } from './operations/list-rules.ts';
import { listTargetsByRule } from './operations/list-targets-by-rule.ts';
import { putEvents } from './operations/put-events.ts';
import { putRule } from './operations/put-rule.ts';
import { putTargets } from './operations/put-targets.ts';
import { removeTargets } from './operations/remove-targets.ts';
import type { EventsService } from './service.ts';

export function eventsServiceEntry(events: EventsService): JsonServiceEntry {
  return {
    kind: 'json',
    iamPrefix: 'events',
    protocol: { version: '1.1', targetPrefixes: ['AWSEvents'], errorNamespace: 'com.amazonaws.events' },
    operations: {
      ListRules: listRules(events),
      DescribeRule: describeRule(events),
      ListTargetsByRule: listTargetsByRule(events),
      PutRule: putRule(events),
      DeleteRule: deleteRule(events),
      PutTargets: putTargets(events),
      RemoveTargets: removeTargets(events),
      PutEvents: putEvents(events),
      EnableRule: enableRule(events),
      DisableRule: disableRule(events),
    },
  };
}
