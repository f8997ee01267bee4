import { createHash } from 'node:crypto';
import { arn } from '../../runtime/account.ts';
import type { DynamoDbContext } from './context.ts';

/**
 * A table description as it travels on the wire (JSON: dates are epoch seconds, unlike the SDK's
 * `TableDescription` whose dates are `Date`s). Fields not listed are still present when set.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html
 */
export interface TableDescriptionJson {
  readonly TableName: string;
  readonly TableArn: string;
  readonly TableId: string;
  readonly TableStatus: 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE';
  readonly CreationDateTime: number;
  readonly KeySchema: readonly { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  readonly AttributeDefinitions: readonly { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  readonly BillingModeSummary?: { BillingMode: 'PROVISIONED' | 'PAY_PER_REQUEST' };
  readonly ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
  readonly GlobalSecondaryIndexes?: readonly Record<string, unknown>[];
  readonly LocalSecondaryIndexes?: readonly Record<string, unknown>[];
  readonly SSEDescription?: { Status: 'ENABLED'; SSEType: 'KMS'; KMSMasterKeyArn: string };
  readonly ItemCount?: number;
  readonly TableSizeBytes?: number;
  readonly [field: string]: unknown;
}

/**
 * A stable key ARN for a key named by alias (no KMS here to resolve it). `alias/aws/dynamodb` is
 * the AWS managed key DynamoDB reports for `SSEEnabled: true` without a key.
 */
function keyArnForAlias(ctx: DynamoDbContext, alias: string): string {
  const hex = createHash('sha256')
    .update(`${ctx.account.accountId}/${ctx.account.region}/${alias}`)
    .digest('hex');
  const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return arn(ctx.account, 'kms', `key/${keyId}`);
}

/**
 * Adds what dynalite does not know to a description: `SSEDescription` for tables encrypted with a
 * KMS key. (Tables without SSESpecification use an AWS owned key and AWS reports no SSEDescription.)
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_SSEDescription.html
 */
export function decorateDescription(ctx: DynamoDbContext, description: unknown): unknown {
  if (typeof description !== 'object' || description === null) return description;
  const table = description as Record<string, unknown>;
  if (typeof table.TableName !== 'string') return description;
  const sse = ctx.settings.get(table.TableName).sse;
  if (!sse?.enabled) return description;
  const key = sse.kmsMasterKeyId;
  const keyArn = !key
    ? keyArnForAlias(ctx, 'alias/aws/dynamodb')
    : key.startsWith('arn:')
      ? key
      : key.startsWith('alias/')
        ? keyArnForAlias(ctx, key)
        : arn(ctx.account, 'kms', `key/${key}`);
  return { ...table, SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: keyArn } };
}
