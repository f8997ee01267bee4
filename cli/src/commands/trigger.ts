import { randomUUID } from 'node:crypto';
import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { Command } from 'commander';
import { loadStackHandles } from '../aws/stack-handles.ts';
import { clientConfig } from '../aws/target.ts';
import { type CommonOptions, withCommonOptions } from './common.ts';

/**
 * Fires a scheduled rule now: each Lambda target is invoked asynchronously with the Scheduled Event
 * EventBridge would send, so retries and the dead-letter queue behave as for a real fire.
 * `rule` is the rule's name or its logical id (default: the stack's ScheduledEventRule).
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-scheduled.html
 */
export function registerTrigger(program: Command): void {
  withCommonOptions(
    program
      .command('trigger')
      .description('fire a scheduled rule now (default: the daily schedule)')
      .argument('[rule]', 'rule name or logical id'),
  ).action(async (rule: string | undefined, options: CommonOptions) => {
    const config = clientConfig(options);
    const handles = await loadStackHandles(config, options.stackName);
    const fromStack = handles.resources.find(
      (r) => r.LogicalResourceId === (rule ?? 'ScheduledEventRule'),
    )?.PhysicalResourceId;
    const ruleName = fromStack ?? rule ?? handles.scheduleRuleName;
    if (!ruleName) throw new Error(`stack ${options.stackName} has no ScheduledEventRule; name a rule`);
    const events = new EventBridgeClient(config);
    const lambda = new LambdaClient(config);
    try {
      const described = await events.send(new DescribeRuleCommand({ Name: ruleName }));
      const targets = (await events.send(new ListTargetsByRuleCommand({ Rule: ruleName }))).Targets ?? [];
      const lambdaTargets = targets.filter((t) => t.Arn?.includes(':lambda:'));
      if (lambdaTargets.length === 0) throw new Error(`rule ${ruleName} has no Lambda targets`);
      const [, , , region = '', account = ''] = (described.Arn ?? '').split(':');
      const event = {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account,
        time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region,
        resources: [described.Arn],
        detail: {},
      };
      for (const target of lambdaTargets) {
        const result = await lambda.send(
          new InvokeCommand({
            FunctionName: target.Arn,
            InvocationType: 'Event',
            Payload: Buffer.from(target.Input ?? JSON.stringify(event)),
          }),
        );
        const line = { rule: ruleName, target: target.Arn, eventId: event.id, statusCode: result.StatusCode };
        console.log(
          options.json
            ? JSON.stringify(line)
            : `Fired ${ruleName} → ${target.Arn} (event ${event.id}, ${result.StatusCode} Accepted)`,
        );
      }
    } finally {
      events.destroy();
      lambda.destroy();
    }
  });
}
