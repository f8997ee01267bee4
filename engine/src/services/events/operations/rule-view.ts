import type { Rule } from '../model.ts';

/** A rule as ListRules and DescribeRule report it. */
export const ruleView = (rule: Rule) => ({
  Name: rule.name,
  Arn: rule.arn,
  State: rule.state,
  EventBusName: 'default',
  ...(rule.scheduleExpression ? { ScheduleExpression: rule.scheduleExpression } : {}),
  ...(rule.eventPattern ? { EventPattern: rule.eventPattern } : {}),
  ...(rule.description ? { Description: rule.description } : {}),
});
