import { defineOperation } from '../../../protocol/operation.ts';
import type { RuleTarget } from '../model.ts';
import type { EventsService } from '../service.ts';
import { BUS_NAME, RULE_NAME } from './names.ts';

const targetView = (t: RuleTarget) => ({
  Id: t.id,
  Arn: t.arn,
  ...(t.input ? { Input: t.input } : {}),
  ...(t.maximumRetryAttempts !== undefined || t.maximumEventAgeInSeconds !== undefined
    ? {
        RetryPolicy: {
          ...(t.maximumRetryAttempts === undefined ? {} : { MaximumRetryAttempts: t.maximumRetryAttempts }),
          ...(t.maximumEventAgeInSeconds === undefined
            ? {}
            : { MaximumEventAgeInSeconds: t.maximumEventAgeInSeconds }),
        },
      }
    : {}),
  ...(t.deadLetterArn ? { DeadLetterConfig: { Arn: t.deadLetterArn } } : {}),
});

/** https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListTargetsByRule.html (one page). */
export const listTargetsByRule = (events: EventsService) =>
  defineOperation({
    input: {
      Rule: RULE_NAME,
      EventBusName: BUS_NAME,
      NextToken: { type: 'string' },
      Limit: { type: 'integer' },
    },
    resource: (i) => events.describeRule(i.Rule).arn,
    handle: (i) => ({ Targets: events.describeRule(i.Rule).targets.map(targetView) }),
  });
