import { Capture, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FIXTURE_CODE, synthTapStack } from '../tap-stack.fixture.ts';

const { template } = synthTapStack();

describe('RequestProcessor function', () => {
  it('runs Node.js 22 on arm64 with the inlined CommonJS bundle as index.handler', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Code: { ZipFile: FIXTURE_CODE },
      Timeout: 30,
      MemorySize: 256,
      FunctionName: { 'Fn::Sub': '${AWS::StackName}-request-processor' },
    });
  });

  it('logs JSON into its own pre-created log group with parameterised retention', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: 'LambdaLogGroup' } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Sub': '/aws/lambda/${AWS::StackName}-request-processor' },
      RetentionInDays: { Ref: 'LogRetentionDays' },
    });
  });

  it('gets table, archive bucket, body prefix and retention through its environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          DYNAMODB_TABLE_NAME: { Ref: 'RequestDataTable' },
          ARCHIVE_BUCKET_NAME: { Ref: 'ApiLoggingBucket' },
          BODY_PREFIX: 'request-bodies/',
          RETENTION_DAYS: { Ref: 'RequestRetentionDays' },
        },
      },
    });
  });

  it('sends failed asynchronous events to the DLQ after two retries within an hour', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] } },
      ReservedConcurrentExecutions: Match.absent(),
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: 'RequestProcessorLambda' },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
    });
  });
});

describe('RequestProcessor role', () => {
  const statements = new Capture();
  template.hasResourceProperties('AWS::IAM::Role', {
    AssumeRolePolicyDocument: {
      Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
    },
    Policies: [
      { PolicyName: 'RequestProcessor', PolicyDocument: { Statement: statements, Version: '2012-10-17' } },
    ],
  });
  const granted = statements.asArray() as { Action: string | string[]; Resource: unknown }[];

  it('has no managed policies (AWSLambdaBasicExecutionRole would allow logs on every group)', () => {
    const role = template.findResources('AWS::IAM::Role').RequestProcessorLambdaRole as {
      Properties: Record<string, unknown>;
    };
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('may only PutItem on the table, not read, update, delete or scan it', () => {
    expect(granted).toContainEqual({
      Effect: 'Allow',
      Action: 'dynamodb:PutItem',
      Resource: { 'Fn::GetAtt': ['RequestDataTable', 'Arn'] },
    });
    const actions = granted.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:PutItem']);
  });

  it('may only put (and take back) objects under request-bodies/ and send to the DLQ', () => {
    expect(granted).toContainEqual({
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:DeleteObject'],
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['ApiLoggingBucket', 'Arn'] }, '/request-bodies/*']] },
    });
    expect(granted).toContainEqual({
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: { 'Fn::GetAtt': ['DeadLetterQueue', 'Arn'] },
    });
  });

  it('may only write to its own log group', () => {
    expect(granted).toContainEqual({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: { 'Fn::GetAtt': ['LambdaLogGroup', 'Arn'] },
    });
    expect(granted).toHaveLength(4);
  });
});
