import type { CfnCondition } from 'aws-cdk-lib';
import { Fn, Validations } from 'aws-cdk-lib';
import type { CfnAlarmProps } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnSubscription, CfnTopic, CfnTopicPolicy } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** What to watch and whom to tell. */
export interface AlarmsProps {
  /** HTTP API id (`Ref` of the API): the `ApiId` dimension. */
  readonly apiId: string;
  readonly functionName: string;
  readonly deadLetterQueueName: string;
  /** Email endpoint, subscribed only when `hasAlarmEmail` holds. */
  readonly alarmEmail: string;
  readonly hasAlarmEmail: CfnCondition;
}

type MetricSettings = Pick<
  CfnAlarmProps,
  'namespace' | 'metricName' | 'dimensions' | 'statistic' | 'period' | 'evaluationPeriods' | 'threshold'
>;

/**
 * The alarms and the SNS topic they notify (on ALARM and on recovery). All use
 * `notBreaching` because these metrics emit nothing while the system is idle.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 */
export class Alarms extends Construct {
  readonly topic: CfnTopic;
  /** `Ref` of the topic: its ARN. */
  readonly topicArn: string;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new CfnTopic(this, 'Topic', { displayName: Fn.sub('${AWS::StackName} alarms') });
    this.topic.overrideLogicalId('AlarmTopic');
    this.topicArn = this.topic.ref;
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'CloudWatch alarms cannot publish to a topic encrypted with the AWS managed key alias/aws/sns (its key policy cannot admit cloudwatch.amazonaws.com); the messages carry only alarm metadata, so a customer managed key is not worth its cost. Publishing is TLS-only by topic policy.',
    });
    this.createTopicPolicy();

    const subscription = new CfnSubscription(this, 'EmailSubscription', {
      topicArn: this.topicArn,
      protocol: 'email',
      endpoint: props.alarmEmail,
    });
    subscription.overrideLogicalId('AlarmEmailSubscription');
    subscription.cfnOptions.condition = props.hasAlarmEmail;
    Validations.of(subscription).acknowledge({
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        'An email subscription: SNS retries delivery by its email delivery policy, and a dead-letter queue of undelivered alarm emails would be one more queue nobody reads; alarm state stays visible in CloudWatch.',
    });

    // HTTP APIs publish `5xx` (not the REST API's `5XXError`) with dimension ApiId.
    this.alarm(
      'ApiGateway5XXAlarm',
      'api-5xx-errors',
      'More than 10 HTTP 5xx responses in each of two 5-minute periods',
      {
        namespace: 'AWS/ApiGateway',
        metricName: '5xx',
        dimensions: [{ name: 'ApiId', value: props.apiId }],
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 2,
        threshold: 10,
      },
    );
    const fn = [{ name: 'FunctionName', value: props.functionName }];
    this.alarm('LambdaErrorsAlarm', 'lambda-errors', 'The request processor raised an unhandled error', {
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: fn,
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
    });
    this.alarm('LambdaThrottlesAlarm', 'lambda-throttles', 'The request processor was throttled', {
      namespace: 'AWS/Lambda',
      metricName: 'Throttles',
      dimensions: fn,
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
    });
    this.alarm('DeadLetterQueueAlarm', 'dlq-messages', 'Failed events are waiting in the dead-letter queue', {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: [{ name: 'QueueName', value: props.deadLetterQueueName }],
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
    });
  }

  private alarm(logicalId: string, suffix: string, description: string, metric: MetricSettings): CfnAlarm {
    const alarm = new CfnAlarm(this, logicalId, {
      alarmName: Fn.sub(`\${AWS::StackName}-${suffix}`),
      alarmDescription: description,
      ...metric,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [this.topicArn],
      okActions: [this.topicArn],
    });
    alarm.overrideLogicalId(logicalId);
    return alarm;
  }

  /**
   * A topic policy replaces the default one, so it must admit CloudWatch itself (only this stack's
   * alarms) besides denying non-TLS publishing.
   * @see https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger
   */
  private createTopicPolicy(): void {
    const policy = new CfnTopicPolicy(this, 'TopicPolicy', {
      topics: [this.topicArn],
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowStackAlarms',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: this.topicArn,
            Condition: {
              ArnLike: {
                'aws:SourceArn': Fn.sub(
                  'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${AWS::StackName}-*',
                ),
              },
            },
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: this.topicArn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    });
    policy.overrideLogicalId('AlarmTopicPolicy');
  }
}
