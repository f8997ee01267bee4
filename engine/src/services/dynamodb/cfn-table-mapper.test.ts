import { describe, expect, it } from 'vitest';
import { tablePropertiesToCreateTable } from './cfn-table-mapper.ts';

const base = {
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
};

describe('tablePropertiesToCreateTable', () => {
  it.each([
    {
      name: 'on-demand table keeps BillingMode and has no throughput',
      props: base,
      expected: { createTable: { TableName: 'T', ...base } },
    },
    {
      name: 'provisioned throughput given as strings becomes numbers',
      props: {
        ...base,
        BillingMode: undefined,
        ProvisionedThroughput: { ReadCapacityUnits: '5', WriteCapacityUnits: 5 },
      },
      expected: {
        createTable: {
          TableName: 'T',
          AttributeDefinitions: base.AttributeDefinitions,
          KeySchema: base.KeySchema,
          BillingMode: 'PROVISIONED',
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
        },
      },
    },
    {
      name: 'SSESpecification.SSEEnabled becomes the API Enabled',
      props: { ...base, SSESpecification: { SSEEnabled: 'true' } },
      expected: { createTable: { TableName: 'T', ...base, SSESpecification: { Enabled: true } } },
    },
    {
      name: 'TTL and PITR become follow-up settings',
      props: {
        ...base,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
      },
      expected: {
        createTable: { TableName: 'T', ...base },
        timeToLive: { AttributeName: 'expiresAt', Enabled: true },
        pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 7 },
      },
    },
    {
      name: 'a disabled TTL specification needs no call',
      props: { ...base, TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: false } },
      expected: { createTable: { TableName: 'T', ...base } },
    },
    {
      name: 'a GSI keeps its projection; the default projection is KEYS_ONLY',
      props: {
        ...base,
        GlobalSecondaryIndexes: [
          { IndexName: 'byTime', KeySchema: [{ AttributeName: 'at', KeyType: 'HASH' }], Projection: {} },
        ],
      },
      expected: {
        createTable: {
          TableName: 'T',
          ...base,
          GlobalSecondaryIndexes: [
            {
              IndexName: 'byTime',
              KeySchema: [{ AttributeName: 'at', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'KEYS_ONLY' },
            },
          ],
        },
      },
    },
    {
      name: 'tags pass through',
      props: { ...base, Tags: [{ Key: 'Environment', Value: 'dev' }] },
      expected: { createTable: { TableName: 'T', ...base, Tags: [{ Key: 'Environment', Value: 'dev' }] } },
    },
  ])('$name', ({ props, expected }) => {
    // Act
    const plan = tablePropertiesToCreateTable(JSON.parse(JSON.stringify(props)), 'T');

    // Assess
    expect(plan).toEqual(expected);
  });

  it.each([
    {
      props: { ...base, StreamSpecification: { StreamViewType: 'NEW_IMAGE' } },
      names: 'StreamSpecification',
    },
    {
      props: { ...base, KinesisStreamSpecification: { StreamArn: 'x' } },
      names: 'KinesisStreamSpecification',
    },
    { props: { ...base, DeletionProtectionEnabled: true }, names: 'DeletionProtectionEnabled' },
    { props: { ...base, TableClass: 'STANDARD_INFREQUENT_ACCESS' }, names: 'TableClass' },
    {
      props: { ...base, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } },
      names: 'ProvisionedThroughput',
    },
    { props: { ...base, BillingMode: 'PROVISIONED' }, names: 'ProvisionedThroughput' },
    { props: { ...base, SSESpecification: { SSEEnabled: true, Bogus: 1 } }, names: 'SSESpecification.Bogus' },
    {
      props: {
        ...base,
        GlobalSecondaryIndexes: [
          {
            IndexName: 'i',
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            Projection: {},
            OnDemandThroughput: {},
          },
        ],
      },
      names: 'GlobalSecondaryIndexes[0].OnDemandThroughput',
    },
    { props: { ...base, KeySchema: undefined }, names: 'KeySchema' },
  ])('refuses $names naming the property', ({ props, names }) => {
    // Act
    const act = () => tablePropertiesToCreateTable(JSON.parse(JSON.stringify(props)), 'T');

    // Assess
    expect(act).toThrow(`AWS::DynamoDB::Table property ${names} `);
  });
});
