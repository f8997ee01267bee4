/**
 * Reads the whole request table, so a test can show that items written before a bad request are
 * still there, unchanged, and that the bad request left nothing behind.
 */
import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { TABLE_NAME } from '../../support/local-cloud.fixture.ts';

export type StoredItem = Record<string, unknown>;

/** Every item of the table, keyed by RequestId. */
export async function tableSnapshot(
  ddb: DynamoDBClient,
  tableName = TABLE_NAME,
): Promise<Map<string, StoredItem>> {
  const items = new Map<string, StoredItem>();
  let start: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    for (const raw of page.Items ?? []) {
      const item = unmarshall(raw);
      items.set(String(item.RequestId), item);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The items of `after` that `before` did not have. */
export function addedItems(before: Map<string, StoredItem>, after: Map<string, StoredItem>): StoredItem[] {
  return [...after.entries()].filter(([id]) => !before.has(id)).map(([, item]) => item);
}

/** The ids of `before` that are missing from `after` or changed. */
export function lostOrChanged(before: Map<string, StoredItem>, after: Map<string, StoredItem>): string[] {
  return [...before.entries()]
    .filter(([id, item]) => JSON.stringify(after.get(id)) !== JSON.stringify(item))
    .map(([id]) => id);
}
