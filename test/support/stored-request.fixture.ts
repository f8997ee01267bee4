/**
 * The item the function stores for an API request, as a DynamoDB attribute map: for tests that
 * place a request in the table directly (at a chosen instant, or without the access line a real
 * API request would also leave).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { timeShardOf } from '../../functions/request-processor/src/time-shard.ts';

export function storedRequestItem(id: string, at: number, path: string): Record<string, AttributeValue> {
  const iso = new Date(at).toISOString();
  return {
    RequestId: { S: id },
    Timestamp: { S: iso },
    TimeShard: { S: timeShardOf(id, iso) },
    Source: { S: 'API Gateway' },
    Method: { S: 'POST' },
    Path: { S: path },
    SourceIp: { S: '127.0.0.1' },
    BodySize: { N: '2' },
  };
}
