import { Fn } from 'aws-cdk-lib';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { DeadLetterQueue } from './dead-letter-queue.ts';

/** The seed's schedule: once a day, counted from rule creation. */
export const DAILY_SCHEDULE_EXPRESSION = 'rate(24 hours)';

/** The function to trigger and where undeliverable events go. */
export interface DailyScheduleProps {
  readonly functionName: string;
  readonly functionArn: string;
  readonly deadLetterQueue: DeadLetterQueue;
}

/**
 * An EventBridge scheduled rule invoking the function once a day (asynchronously, so Lambda's
 * retries and DLQ apply). If EventBridge itself cannot deliver (e.g. permission removed), the event
 * goes to the same DLQ after its own retries.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
 */
export class DailySchedule extends Construct {
  readonly rule: CfnRule;
  readonly ruleArn: string;

  constructor(scope: Construct, id: string, props: DailyScheduleProps) {
    super(scope, id);
    this.rule = new CfnRule(this, 'Rule', {
      name: Fn.sub('${AWS::StackName}-daily-schedule'),
      description: 'Trigger Lambda function every 24 hours',
      scheduleExpression: DAILY_SCHEDULE_EXPRESSION,
      state: 'ENABLED',
      targets: [
        {
          // Id kept from the seed so updating an existing stack does not replace the target.
          id: '1',
          arn: props.functionArn,
          retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
          deadLetterConfig: { arn: props.deadLetterQueue.queueArn },
        },
      ],
    });
    this.rule.overrideLogicalId('ScheduledEventRule');
    this.ruleArn = this.rule.attrArn;
    props.deadLetterQueue.allowEventBridgeRule(this.ruleArn);

    const permission = new CfnPermission(this, 'InvokePermission', {
      functionName: props.functionName,
      action: 'lambda:InvokeFunction',
      principal: 'events.amazonaws.com',
      sourceArn: this.ruleArn,
    });
    permission.overrideLogicalId('LambdaSchedulePermission');
  }
}
