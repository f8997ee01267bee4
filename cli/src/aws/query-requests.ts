import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { timeShardsBetween } from '../../../functions/request-processor/src/time-shard.ts';
import type { ClientConfig } from './target.ts';

/** What the `ByTime` index projects for a stored request. */
export interface RequestSummary {
  readonly RequestId: string;
  readonly Timestamp: string;
  readonly Source?: string;
  readonly Method?: string;
  readonly Path?: string;
  readonly SourceIp?: string;
  readonly BodySize?: number;
}

const PARALLEL_QUERIES = 8;

/**
 * Requests stored between two instants, through the sharded time index: one Query per
 * `day#shard` partition (never a table scan), merged newest first. A caller reading often (the
 * console's live views) passes its own `client`, which is then kept open.
 */
export async function queryRequests(
  config: ClientConfig,
  tableName: string,
  from: number,
  to: number,
  limit: number,
  reuse?: DynamoDBDocumentClient,
): Promise<RequestSummary[]> {
  const fromIso = new Date(from).toISOString();
  const toIso = new Date(to).toISOString();
  const partitions = timeShardsBetween(fromIso, toIso);
  const client = reuse ?? DynamoDBDocumentClient.from(new DynamoDBClient(config));
  const found: RequestSummary[] = [];
  try {
    for (let i = 0; i < partitions.length; i += PARALLEL_QUERIES) {
      const batch = partitions.slice(i, i + PARALLEL_QUERIES);
      const pages = await Promise.all(
        batch.map((partition) => queryPartition(client, tableName, partition, fromIso, toIso, limit)),
      );
      for (const page of pages) found.push(...page);
    }
  } finally {
    if (!reuse) client.destroy();
  }
  return found.sort((a, b) => b.Timestamp.localeCompare(a.Timestamp)).slice(0, limit);
}

/** The ByTime index's key condition for one partition and a span of timestamps (both ends in). */
const byTimeSpan = (tableName: string, partition: string, fromIso: string, toIso: string) => ({
  TableName: tableName,
  IndexName: 'ByTime',
  KeyConditionExpression: 'TimeShard = :p AND #ts BETWEEN :from AND :to',
  ExpressionAttributeNames: { '#ts': 'Timestamp' },
  ExpressionAttributeValues: { ':p': partition, ':from': fromIso, ':to': toIso },
});

async function queryPartition(
  client: DynamoDBDocumentClient,
  tableName: string,
  partition: string,
  fromIso: string,
  toIso: string,
  limit: number,
): Promise<RequestSummary[]> {
  const items: RequestSummary[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        ...byTimeSpan(tableName, partition, fromIso, toIso),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as RequestSummary[]));
    startKey = items.length < limit ? page.LastEvaluatedKey : undefined;
  } while (startKey);
  return items;
}

/**
 * How many requests are stored between two instants (ByTime, `Select: COUNT`): the items are
 * counted where they are stored and none is sent, so a reader can check a span it already holds
 * without reading it again.
 */
export async function countRequests(
  client: DynamoDBDocumentClient,
  tableName: string,
  from: number,
  to: number,
): Promise<number> {
  const fromIso = new Date(from).toISOString();
  const toIso = new Date(to).toISOString();
  const counts = await Promise.all(
    timeShardsBetween(fromIso, toIso).map(async (partition) => {
      let count = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            ...byTimeSpan(tableName, partition, fromIso, toIso),
            Select: 'COUNT',
            ExclusiveStartKey: startKey,
          }),
        );
        count += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return count;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}
