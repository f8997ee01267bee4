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
 * `day#shard` partition (never a table scan), merged newest first.
 */
export async function queryRequests(
  config: ClientConfig,
  tableName: string,
  from: number,
  to: number,
  limit: number,
): Promise<RequestSummary[]> {
  const fromIso = new Date(from).toISOString();
  const toIso = new Date(to).toISOString();
  const partitions = timeShardsBetween(fromIso, toIso);
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(config));
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
    client.destroy();
  }
  return found.sort((a, b) => b.Timestamp.localeCompare(a.Timestamp)).slice(0, limit);
}

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
        TableName: tableName,
        IndexName: 'ByTime',
        KeyConditionExpression: 'TimeShard = :p AND #ts BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#ts': 'Timestamp' },
        ExpressionAttributeValues: { ':p': partition, ':from': fromIso, ':to': toIso },
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
