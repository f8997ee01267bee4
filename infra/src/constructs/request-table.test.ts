import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { bareStack } from '../tap-stack.fixture.ts';
import { RequestTable, TIME_SHARD_COUNT } from './request-table.ts';

function tableTemplate(): Template {
  const stack = bareStack();
  new RequestTable(stack, 'Table');
  return Template.fromStack(stack);
}

describe('RequestTable', () => {
  it('keeps the seed keys and logical id but bills on demand instead of 5 provisioned WCU', () => {
    // Prepare / Act
    const template = tableTemplate();
    // Assess
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: { 'Fn::Sub': '${AWS::StackName}-requests' },
      KeySchema: [
        { AttributeName: 'RequestId', KeyType: 'HASH' },
        { AttributeName: 'Timestamp', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      ProvisionedThroughput: Match.absent(),
    });
    expect(Object.keys(template.findResources('AWS::DynamoDB::Table'))).toEqual(['RequestDataTable']);
  });

  it('uses the AWS managed key without naming alias/aws/dynamodb, with PITR and TTL on ExpiresAt', () => {
    const template = tableTemplate();
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.absent() },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'ExpiresAt', Enabled: true },
    });
  });

  it('indexes requests by time shard so a time range can be queried without a scan', () => {
    const template = tableTemplate();
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      AttributeDefinitions: Match.arrayWith([{ AttributeName: 'TimeShard', AttributeType: 'S' }]),
      GlobalSecondaryIndexes: [
        {
          IndexName: 'ByTime',
          KeySchema: [
            { AttributeName: 'TimeShard', KeyType: 'HASH' },
            { AttributeName: 'Timestamp', KeyType: 'RANGE' },
          ],
          Projection: {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: ['Method', 'Path', 'Source', 'SourceIp', 'BodySize'],
          },
        },
      ],
    });
  });

  it('spreads 10,000 writes/s over enough shards to stay under 1,000 WCU per index partition', () => {
    expect(10_000 / TIME_SHARD_COUNT).toBeLessThan(1_000);
  });

  it('is retained on stack deletion and on replacement', () => {
    tableTemplate().hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});
