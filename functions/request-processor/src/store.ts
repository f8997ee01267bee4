/**
 * The SDK adapter: writes a {@link StoragePlan} (S3 object first, then the item). Idempotent: the
 * S3 key and the item key derive from the event, and PutItem only creates, so a retried
 * invocation either overwrites identical bytes or finds its item already there.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
 */
import { type AttributeValue, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type Item, type ItemValue, isStringList } from './item.ts';
import type { PutArchive, RemoveArchive } from './s3-archive.ts';
import type { StoragePlan } from './storage-plan.ts';

/** Whether this call created the item or found it stored by an earlier attempt. */
export type StoreOutcome = 'created' | 'already-stored';

function toAttribute(value: ItemValue): AttributeValue {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (isStringList(value)) return { L: value.map((element) => ({ S: element })) };
  const map: Record<string, AttributeValue> = {};
  for (const [name, element] of Object.entries(value)) map[name] = { S: element };
  return { M: map };
}

/** Hand marshalling of the few shapes we write (keeps @aws-sdk/util-dynamodb out of the bundle). */
export function marshallItem(item: Item): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(item)) out[name] = toAttribute(value);
  return out;
}

export interface Stores {
  readonly dynamo: DynamoDBClient;
  readonly tableName: string;
  readonly putArchive: PutArchive;
  /** Takes the body back off S3 when its item could not be written (best effort). */
  readonly removeArchive?: RemoveArchive;
}

/** Writes the body object (if any), then creates the item unless it already exists; a failed item takes its body object back. */
export async function storePlan(stores: Stores, plan: StoragePlan): Promise<StoreOutcome> {
  if (plan.archive !== undefined) await stores.putArchive(plan.archive);
  try {
    await stores.dynamo.send(
      new PutItemCommand({
        TableName: stores.tableName,
        Item: marshallItem(plan.item),
        ConditionExpression: 'attribute_not_exists(RequestId)',
      }),
    );
    return 'created';
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return 'already-stored';
    // Nothing half-written: the body object goes again, so only a stored item ever points at one.
    // A failed removal leaves it to the bucket's lifecycle rules; the original error is reported.
    if (plan.archive !== undefined) await stores.removeArchive?.(plan.archive).catch(() => undefined);
    throw error;
  }
}
