import { defineOperation } from '../../../protocol/operation.ts';
import { eventsErrors } from '../errors.ts';
import type { EventsService } from '../service.ts';
import { BUS_NAME, RULE_NAME } from './names.ts';

/** Creates or replaces a rule on the default bus (targets are kept). https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html */
export const putRule = (events: EventsService) =>
  defineOperation({
    input: {
      Name: RULE_NAME,
      ScheduleExpression: { type: 'string', maxLength: 256 },
      EventPattern: { type: 'string', maxLength: 4096 },
      State: { type: 'string', enum: ['ENABLED', 'DISABLED'] },
      Description: { type: 'string', maxLength: 512 },
      RoleArn: { type: 'string' },
      Tags: { type: 'any' },
      EventBusName: BUS_NAME,
    },
    resource: (i, ctx) => `arn:aws:events:${ctx.region}:${ctx.accountId}:rule/${i.Name}`,
    handle: (i) => {
      if (i.EventBusName !== undefined && i.EventBusName !== 'default')
        throw eventsErrors.busNotFound(i.EventBusName);
      const rule = events.putRule({
        name: i.Name,
        ...(i.ScheduleExpression ? { scheduleExpression: i.ScheduleExpression } : {}),
        ...(i.EventPattern ? { eventPattern: i.EventPattern } : {}),
        ...(i.State ? { state: i.State as 'ENABLED' | 'DISABLED' } : {}),
        ...(i.Description ? { description: i.Description } : {}),
      });
      return { RuleArn: rule.arn };
    },
  });
