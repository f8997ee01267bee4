import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { BENCH_ID_HEADER, isWarmUpId } from './load.ts';

/** The bench ids stored in a table's items (`Headers.x-bench-id`), through a paginated scan. */
export async function benchIdsInTable(endpoint: string, tableName: string): Promise<string[]> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const ids: string[] = [];
  let startKey: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ProjectionExpression: '#headers.#id',
        ExpressionAttributeNames: { '#headers': 'Headers', '#id': BENCH_ID_HEADER },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const id = item.Headers?.M?.[BENCH_ID_HEADER]?.S;
      if (!isWarmUpId(id)) ids.push(id ?? '(no id)');
    }
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  client.destroy();
  return ids;
}

/** How the items written compare with the requests answered 2xx. */
export interface ItemCheck {
  readonly items: number;
  /** Requests answered 2xx whose item is missing: acknowledged writes lost (must be 0). */
  readonly lost: number;
  /** Items of requests not answered 2xx: cut off in flight by the end of the run. */
  readonly unanswered: number;
}

export function checkItems(ids: readonly string[], okIds: ReadonlySet<string>): ItemCheck {
  const stored = new Set(ids);
  let lost = 0;
  for (const id of okIds) if (!stored.has(id)) lost++;
  let unanswered = 0;
  for (const id of stored) if (!okIds.has(id)) unanswered++;
  return { items: ids.length, lost, unanswered };
}

/** Counts a table's items through the DynamoDB API (a paginated COUNT scan). */
export async function countItems(endpoint: string, tableName: string): Promise<number> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  let count = 0;
  let startKey: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: startKey }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  client.destroy();
  return count;
}
