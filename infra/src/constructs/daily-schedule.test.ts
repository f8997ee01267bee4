import { describe, it } from 'vitest';
import { synthTapStack } from '../tap-stack.fixture.ts';

const { template } = synthTapStack();

describe('DailySchedule', () => {
  it('invokes the function every 24 hours, with delivery retries and a DLQ for undeliverable events', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: { 'Fn::Sub': '${AWS::StackName}-daily-schedule' },
      ScheduleExpression: 'rate(24 hours)',
      State: 'ENABLED',
      Targets: [
        {
          Id: '1',
          Arn: { 'Fn::GetAtt': ['RequestProcessorLambda', 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] } },
        },
      ],
    });
  });

  it('is the only rule allowed to invoke the function on behalf of EventBridge', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { Ref: 'RequestProcessorLambda' },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['ScheduledEventRule', 'Arn'] },
    });
  });
});
