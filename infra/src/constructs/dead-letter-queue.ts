import { Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { pinLogicalId } from './default-resource.ts';

/**
 * The dead-letter queue for asynchronous (scheduled) invocations that fail after Lambda's retries,
 * and for events EventBridge could not deliver. SSE-SQS, 14-day retention, TLS-only policy.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;
  /** `Ref` of the queue: its URL. */
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly queueName: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.queue = new Queue(this, 'Resource', {
      queueName: Fn.sub('${AWS::StackName}-dlq'),
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    pinLogicalId(this.queue, 'DeadLetterQueue');
    // enforceSSL has already created the queue policy; later grants add statements to it.
    const policy = this.queue.node.tryFindChild('Policy');
    if (policy) pinLogicalId(policy, 'DeadLetterQueuePolicy');
    this.queueUrl = this.queue.queueUrl;
    this.queueArn = this.queue.queueArn;
    this.queueName = this.queue.queueName;
    Validations.of(this.queue).acknowledge(
      {
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself the dead-letter queue; a DLQ for the DLQ would only move the same messages.',
      },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason:
          'This queue is itself the dead-letter queue; nothing consumes it automatically, operators do.',
      },
    );
  }

  /**
   * Lets an EventBridge rule put undeliverable events here (target-level DeadLetterConfig);
   * EventBridge needs a queue policy for that, scoped to the one rule.
   * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html
   */
  allowEventBridgeRule(ruleArn: string): void {
    this.queue.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowScheduleDeadLetters',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': ruleArn } },
      }),
    );
  }
}
