import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { bareStack } from '../tap-stack.fixture.ts';
import { AccessLogArchive } from './access-log-archive.ts';

function archiveTemplate(): Template {
  const stack = bareStack();
  new AccessLogArchive(stack, 'Archive', { archiveRetentionDays: 90, accessLogRetentionDays: 7 });
  return Template.fromStack(stack);
}

describe('AccessLogArchive bucket', () => {
  it('has no physical name, since stack names may contain capitals that bucket names may not', () => {
    archiveTemplate().hasResourceProperties('AWS::S3::Bucket', { BucketName: Match.absent() });
  });

  it('is encrypted, versioned, private and owner-enforced', () => {
    archiveTemplate().hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  it('really deletes expired data on a versioned bucket: noncurrent versions, delete markers, uploads', () => {
    archiveTemplate().hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Status: 'Enabled',
            ExpirationInDays: 90,
            NoncurrentVersionExpiration: { NoncurrentDays: 7 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          }),
          Match.objectLike({ Status: 'Enabled', ExpiredObjectDeleteMarker: true }),
        ]),
      },
    });
  });

  it('has a policy with only the TLS-only deny (no logging.s3.amazonaws.com grant)', () => {
    const statements = new Capture();
    const template = archiveTemplate();
    template.hasResourceProperties('AWS::S3::BucketPolicy', { PolicyDocument: { Statement: statements } });
    expect(statements.asArray()).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ]);
    expect(Object.keys(template.findResources('AWS::S3::BucketPolicy'))).toEqual(['ApiLoggingBucketPolicy']);
  });

  it('is retained on stack deletion and replacement, because it is the archive', () => {
    archiveTemplate().hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('AccessLogArchive pipeline', () => {
  it('keeps access logs in a log group for the configured number of days', () => {
    const template = archiveTemplate();
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    expect(Object.keys(template.findResources('AWS::Logs::LogGroup'))).toEqual(['AccessLogGroup']);
  });

  it('subscribes every access log event to the Firehose stream', () => {
    archiveTemplate().hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      LogGroupName: { Ref: 'AccessLogGroup' },
      FilterPattern: '',
      DestinationArn: { 'Fn::GetAtt': ['AccessLogDeliveryStream', 'Arn'] },
      RoleArn: { 'Fn::GetAtt': ['AccessLogSubscriptionRole', 'Arn'] },
    });
  });

  it('decompresses and extracts CloudWatch Logs messages without a Lambda processor', () => {
    const processors = new Capture();
    archiveTemplate().hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamType: 'DirectPut',
      DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' },
      ExtendedS3DestinationConfiguration: Match.objectLike({
        BucketARN: { 'Fn::GetAtt': ['ApiLoggingBucket', 'Arn'] },
        Prefix: 'access-logs/!{timestamp:yyyy/MM/dd}/',
        ErrorOutputPrefix: 'access-logs-errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
        BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 5 },
        CompressionFormat: 'UNCOMPRESSED',
        ProcessingConfiguration: { Enabled: true, Processors: processors },
      }),
    });
    expect(processors.asArray()).toEqual([
      { Type: 'Decompression', Parameters: [{ ParameterName: 'CompressionFormat', ParameterValue: 'GZIP' }] },
      {
        Type: 'CloudWatchLogProcessing',
        Parameters: [{ ParameterName: 'DataMessageExtraction', ParameterValue: 'true' }],
      },
    ]);
  });

  it('lets CloudWatch Logs put records only into this stream', () => {
    archiveTemplate().hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'logs.amazonaws.com' } })],
      },
      Policies: [
        {
          PolicyName: 'ForwardToFirehose',
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
                Resource: { 'Fn::GetAtt': ['AccessLogDeliveryStream', 'Arn'] },
              },
            ],
            Version: '2012-10-17',
          },
        },
      ],
    });
  });

  it('lets Firehose write only under the access-logs prefixes of the bucket', () => {
    const statements = new Capture();
    archiveTemplate().hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'firehose.amazonaws.com' },
            Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'AWS::AccountId' } } },
          }),
        ],
      },
      Policies: [
        { PolicyName: 'ArchiveAccessLogs', PolicyDocument: { Statement: statements, Version: '2012-10-17' } },
      ],
    });
    const objectStatement = statements.asArray()[0] as { Action: string[]; Resource: unknown };
    expect(objectStatement.Action).toContain('s3:PutObject');
    expect(objectStatement.Resource).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': ['ApiLoggingBucket', 'Arn'] }, '/access-logs*']],
    });
    for (const statement of statements.asArray() as { Resource: unknown }[]) {
      expect(JSON.stringify(statement.Resource)).not.toContain('"*"');
    }
  });
});
