import { CfnDeletionPolicy, Fn } from 'aws-cdk-lib';
import { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** Name of the global secondary index that answers "requests between T1 and T2". */
export const BY_TIME_INDEX = 'ByTime';

/**
 * Number of `TimeShard` values per day (`YYYY-MM-DD#00` .. `#15`).
 * Why 16: a GSI partition accepts at most 1,000 WCU (1 KB writes). At the design peak of
 * 10,000 writes/s, one shard per day would send every write to one index partition; 16 shards
 * give 10,000 / 16 = 625 writes/s per partition, under 1,000 with headroom, while a time-range
 * query stays a fixed 16 parallel Query calls. Items projected into the index stay small
 * (INCLUDE projection below), so each index write is 1 WCU.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-sharding.html
 */
export const TIME_SHARD_COUNT = 16;

/** Attribute holding the TTL (epoch seconds). */
export const EXPIRES_AT_ATTRIBUTE = 'ExpiresAt';

/**
 * The request table: keys kept from the seed (RequestId + Timestamp), on-demand billing (the seed's
 * 5 WCU would throttle at about five writes per second), PITR, AWS-managed KMS encryption, TTL,
 * and the sharded time index.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html
 */
export class RequestTable extends Construct {
  readonly table: CfnTable;
  /** `Ref` of the table: its name. */
  readonly tableName: string;
  readonly tableArn: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new CfnTable(this, 'Resource', {
      tableName: Fn.sub('${AWS::StackName}-requests'),
      billingMode: 'PAY_PER_REQUEST',
      attributeDefinitions: [
        { attributeName: 'RequestId', attributeType: 'S' },
        { attributeName: 'Timestamp', attributeType: 'S' },
        { attributeName: 'TimeShard', attributeType: 'S' },
      ],
      keySchema: [
        { attributeName: 'RequestId', keyType: 'HASH' },
        { attributeName: 'Timestamp', keyType: 'RANGE' },
      ],
      globalSecondaryIndexes: [
        {
          indexName: BY_TIME_INDEX,
          keySchema: [
            { attributeName: 'TimeShard', keyType: 'HASH' },
            { attributeName: 'Timestamp', keyType: 'RANGE' },
          ],
          projection: {
            projectionType: 'INCLUDE',
            nonKeyAttributes: ['Method', 'Path', 'Source', 'SourceIp', 'BodySize'],
          },
        },
      ],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // SSEEnabled alone selects the AWS managed key alias/aws/dynamodb; naming that alias in
      // KMSMasterKeyId (as the seed did) is only meant for customer managed keys.
      sseSpecification: { sseEnabled: true, sseType: 'KMS' },
      timeToLiveSpecification: { attributeName: EXPIRES_AT_ATTRIBUTE, enabled: true },
    });
    this.table.overrideLogicalId('RequestDataTable');
    // The table is the system of record: keep it if the stack is deleted or the table replaced.
    this.table.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
    this.table.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
    this.tableName = this.table.ref;
    this.tableArn = this.table.attrArn;
  }
}
