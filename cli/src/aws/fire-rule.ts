import { randomUUID } from 'node:crypto';
import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { ClientConfig } from './target.ts';

export interface FiredTarget {
  readonly rule: string;
  readonly target: string;
  readonly eventId: string;
  readonly statusCode: number | undefined;
}

/**
 * Fires a scheduled rule now: each Lambda target is invoked asynchronously with the Scheduled Event
 * EventBridge would send, so retries and the dead-letter queue behave as for a real fire.
 * `tapstack trigger` and the console's "Trigger now" both run this.
 * https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-scheduled.html
 */
export async function fireRule(
  config: ClientConfig,
  ruleName: string,
  now = Date.now(),
): Promise<FiredTarget[]> {
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
      time: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region,
      resources: [described.Arn],
      detail: {},
    };
    const fired: FiredTarget[] = [];
    for (const target of lambdaTargets) {
      const result = await lambda.send(
        new InvokeCommand({
          FunctionName: target.Arn,
          InvocationType: 'Event',
          Payload: Buffer.from(target.Input ?? JSON.stringify(event)),
        }),
      );
      fired.push({
        rule: ruleName,
        target: target.Arn ?? '',
        eventId: event.id,
        statusCode: result.StatusCode,
      });
    }
    return fired;
  } finally {
    events.destroy();
    lambda.destroy();
  }
}
