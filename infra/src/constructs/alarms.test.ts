import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourcesOfType, synthTapStack } from '../tap-stack.fixture.ts';

const { template } = synthTapStack();
const notify = { AlarmActions: [{ Ref: 'AlarmTopic' }], OKActions: [{ Ref: 'AlarmTopic' }] };

describe('Alarms', () => {
  it('watches the HTTP API metric `5xx` by ApiId (the seed watched the REST-only 5XXError)', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: { 'Fn::Sub': '${AWS::StackName}-api-5xx-errors' },
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }],
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 2,
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      ...notify,
    });
    expect(Object.keys(resourcesOfType(template, 'AWS::CloudWatch::Alarm'))).toContain('ApiGateway5XXAlarm');
  });

  it.each([
    ['LambdaErrorsAlarm', 'AWS/Lambda', 'Errors', 'FunctionName', { Ref: 'RequestProcessorLambda' }],
    ['LambdaThrottlesAlarm', 'AWS/Lambda', 'Throttles', 'FunctionName', { Ref: 'RequestProcessorLambda' }],
    [
      'DeadLetterQueueAlarm',
      'AWS/SQS',
      'ApproximateNumberOfMessagesVisible',
      'QueueName',
      { 'Fn::GetAtt': ['DeadLetterQueue', 'QueueName'] },
    ],
  ])('%s fires on any %s/%s and notifies the topic', (logicalId, namespace, metricName, dimension, value) => {
    const alarm = resourcesOfType(template, 'AWS::CloudWatch::Alarm')[logicalId];
    expect(alarm?.Properties).toMatchObject({
      Namespace: namespace,
      MetricName: metricName,
      Dimensions: [{ Name: dimension, Value: value }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      ...notify,
    });
  });

  it('every alarm notifies the topic on ALARM and on recovery', () => {
    const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) expect(alarm.Properties).toMatchObject(notify);
  });

  it('subscribes the AlarmEmail address only when one is given', () => {
    template.hasCondition('HasAlarmEmail', {
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AlarmEmail' }, ''] }],
    });
    template.hasResource('AWS::SNS::Subscription', {
      Condition: 'HasAlarmEmail',
      Properties: { Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' }, TopicArn: { Ref: 'AlarmTopic' } },
    });
  });

  it('admits this stack alarms to the topic and refuses publishing without TLS', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: 'AlarmTopic' }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: {
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Sub':
                    'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${AWS::StackName}-*',
                },
              },
            },
          }),
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ],
      },
    });
  });
});
