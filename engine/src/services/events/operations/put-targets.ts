import { defineOperation } from '../../../protocol/operation.ts';
import { eventsErrors } from '../errors.ts';
import type { RuleTarget } from '../model.ts';
import type { EventsService } from '../service.ts';
import { BUS_NAME, RULE_NAME } from './names.ts';

const TARGET = {
  type: 'structure',
  fields: {
    Id: { type: 'string', required: true, minLength: 1, maxLength: 64 },
    Arn: { type: 'string', required: true, minLength: 1, maxLength: 1600 },
    Input: { type: 'string', maxLength: 8192 },
    DeadLetterConfig: { type: 'structure', fields: { Arn: { type: 'string' } } },
    RetryPolicy: {
      type: 'structure',
      fields: {
        MaximumRetryAttempts: { type: 'integer', min: 0, max: 185 },
        MaximumEventAgeInSeconds: { type: 'integer', min: 60, max: 86400 },
      },
    },
    InputPath: { type: 'any' },
    InputTransformer: { type: 'any' },
    RoleArn: { type: 'any' },
  },
} as const;

/** Adds or replaces targets by Id. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html */
export const putTargets = (events: EventsService) =>
  defineOperation({
    input: {
      Rule: RULE_NAME,
      EventBusName: BUS_NAME,
      Targets: { type: 'list', required: true, maxItems: 10, member: TARGET },
    },
    resource: (i) => events.describeRule(i.Rule).arn,
    handle: (i) => {
      const targets: RuleTarget[] = i.Targets.map((t) => {
        // Refused rather than ignored: a target would get a different payload than on AWS.
        if (t.InputPath !== undefined || t.InputTransformer !== undefined)
          throw eventsErrors.validation(
            `Target ${t.Id}: InputPath and InputTransformer are not emulated locally`,
          );
        return {
          id: t.Id,
          arn: t.Arn,
          ...(t.Input === undefined ? {} : { input: t.Input }),
          ...(t.DeadLetterConfig?.Arn === undefined ? {} : { deadLetterArn: t.DeadLetterConfig.Arn }),
          ...(t.RetryPolicy?.MaximumRetryAttempts === undefined
            ? {}
            : { maximumRetryAttempts: t.RetryPolicy.MaximumRetryAttempts }),
          ...(t.RetryPolicy?.MaximumEventAgeInSeconds === undefined
            ? {}
            : { maximumEventAgeInSeconds: t.RetryPolicy.MaximumEventAgeInSeconds }),
        };
      });
      events.putTargets(i.Rule, targets);
      return { FailedEntryCount: 0, FailedEntries: [] };
    },
  });
