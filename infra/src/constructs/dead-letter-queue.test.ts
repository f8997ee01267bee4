import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { bareStack } from '../tap-stack.fixture.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';

describe('DeadLetterQueue', () => {
  it('keeps messages 14 days, encrypted with SSE-SQS, under the seed logical id and name', () => {
    // Prepare
    const stack = bareStack();
    // Act
    new DeadLetterQueue(stack, 'Dlq');
    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: { 'Fn::Sub': '${AWS::StackName}-dlq' },
      MessageRetentionPeriod: 1209600,
      SqsManagedSseEnabled: true,
    });
    expect(Object.keys(template.findResources('AWS::SQS::Queue'))).toEqual(['DeadLetterQueue']);
  });

  it('denies every non-TLS request in its queue policy', () => {
    const stack = bareStack();
    new DeadLetterQueue(stack, 'Dlq');
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::SQS::QueuePolicy'))).toEqual(['DeadLetterQueuePolicy']);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('admits only the given EventBridge rule as a sender', () => {
    const stack = bareStack();
    const dlq = new DeadLetterQueue(stack, 'Dlq');
    dlq.allowEventBridgeRule('arn:aws:events:eu-west-1:111122223333:rule/daily');
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'AllowScheduleDeadLetters',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] },
            Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:events:eu-west-1:111122223333:rule/daily' } },
          },
        ]),
      },
    });
  });
});
