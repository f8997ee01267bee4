import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { LOG_RETENTION_DAYS } from './stack-parameters.ts';
import { resourcesOfType, synthTapStack } from './tap-stack.fixture.ts';

const { template } = synthTapStack();
const json = template.toJSON() as {
  Parameters: Record<string, Record<string, unknown>>;
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: unknown }>;
  Outputs: Record<string, { Value: unknown; Export: { Name: unknown } }>;
  Rules?: unknown;
};

const SEED_LOGICAL_IDS = [
  'RequestProcessorLambdaRole',
  'LambdaLogGroup',
  'RequestProcessorLambda',
  'DeadLetterQueue',
  'LambdaApiGatewayPermission',
  'LambdaSchedulePermission',
  'HttpApi',
  'HttpApiIntegration',
  'HttpApiRoute',
  'HttpApiStage',
  'ApiLoggingBucket',
  'ApiLoggingBucketPolicy',
  'RequestDataTable',
  'ApiGateway5XXAlarm',
  'ScheduledEventRule',
];

describe('TapStack contract with the seed', () => {
  it('keeps every seed logical id, and names new resources readably', () => {
    const ids = Object.keys(json.Resources);
    expect(ids).toEqual(expect.arrayContaining(SEED_LOGICAL_IDS));
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    // CDK's hashed ids end in 8 upper-case hex characters; none may leak through.
    for (const id of ids) expect(id).not.toMatch(/[0-9A-F]{8}$/);
  });

  it('exports the six seed outputs under ${AWS::StackName}-<Output>', () => {
    expect(Object.keys(json.Outputs).sort()).toEqual(
      [
        'ApiEndpoint',
        'DeadLetterQueueUrl',
        'DynamoDBTableName',
        'LambdaFunctionArn',
        'LambdaFunctionName',
        'S3BucketName',
      ].sort(),
    );
    for (const [name, output] of Object.entries(json.Outputs)) {
      expect(output.Export.Name).toEqual({ 'Fn::Sub': `\${AWS::StackName}-${name}` });
    }
  });

  it('takes the endpoint from the API itself instead of hard-coding amazonaws.com', () => {
    expect(json.Outputs.ApiEndpoint?.Value).toEqual({ 'Fn::GetAtt': ['HttpApi', 'ApiEndpoint'] });
    const text = JSON.stringify(json);
    expect(/execute-api\.[^"]*amazonaws\.com/.test(text)).toBe(false);
    expect(text.includes('arn:aws:')).toBe(false);
  });
});

describe('TapStack parameters', () => {
  it('defaults EnvironmentSuffix to dev and constrains it', () => {
    template.hasParameter('EnvironmentSuffix', {
      Type: 'String',
      Default: 'dev',
      AllowedPattern: '^[a-zA-Z0-9-]+$',
      ConstraintDescription: Match.stringLikeRegexp('.+'),
    });
  });

  it('gives every parameter a default and a constraint with a description of it', () => {
    for (const [name, parameter] of Object.entries(json.Parameters)) {
      expect(parameter, name).toHaveProperty('Default');
      expect(parameter, name).toHaveProperty('ConstraintDescription');
      const constrained = ['AllowedValues', 'AllowedPattern', 'MinValue', 'MaxValue'].some(
        (k) => k in parameter,
      );
      expect(constrained, name).toBe(true);
    }
  });

  it('only accepts log retention values CloudWatch Logs supports', () => {
    for (const name of ['LogRetentionDays', 'AccessLogRetentionDays']) {
      template.hasParameter(name, { Type: 'Number', Default: '7', AllowedValues: [...LOG_RETENTION_DAYS] });
    }
  });

  it('accepts an empty AlarmEmail or an address, and nothing else', () => {
    const pattern = new RegExp(String(json.Parameters.AlarmEmail?.AllowedPattern));
    expect(pattern.test('')).toBe(true);
    expect(pattern.test('ops@example.com')).toBe(true);
    expect(pattern.test('not an address')).toBe(false);
  });
});

describe('TapStack tags', () => {
  it('tags every taggable resource Environment = EnvironmentSuffix, never a hard-coded Production', () => {
    const tagged = Object.entries(json.Resources).filter(([, r]) => r.Properties && 'Tags' in r.Properties);
    expect(tagged.length).toBeGreaterThanOrEqual(15);
    for (const [id, resource] of tagged) {
      const tags = resource.Properties?.Tags;
      const environment = Array.isArray(tags)
        ? (tags as { Key: string; Value: unknown }[]).find((t) => t.Key === 'Environment')?.Value
        : (tags as Record<string, unknown>).Environment;
      expect(environment, id).toEqual({ Ref: 'EnvironmentSuffix' });
    }
    expect(JSON.stringify(json).includes('Production')).toBe(false);
  });
});

describe('TapStack is self-contained', () => {
  it('has no bootstrap rule or parameter, no CDK metadata and no Metadata at all', () => {
    expect(json.Rules).toBeUndefined();
    expect(json.Parameters).not.toHaveProperty('BootstrapVersion');
    expect(resourcesOfType(template, 'AWS::CDK::Metadata')).toEqual({});
    for (const [id, resource] of Object.entries(json.Resources))
      expect(resource.Metadata, id).toBeUndefined();
  });

  it('has exactly one Lambda function and no custom resources', () => {
    expect(Object.keys(resourcesOfType(template, 'AWS::Lambda::Function'))).toEqual([
      'RequestProcessorLambda',
    ]);
    const types = Object.values(json.Resources).map((r) => r.Type);
    expect(
      types.filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource'),
    ).toEqual([]);
  });

  it('names no IAM role, so CAPABILITY_IAM suffices (no CAPABILITY_NAMED_IAM)', () => {
    for (const [id, role] of Object.entries(resourcesOfType(template, 'AWS::IAM::Role'))) {
      expect((role.Properties as Record<string, unknown>).RoleName, id).toBeUndefined();
    }
  });
});
