/**
 * Stored-item notifications (stored-items.ts) through the real service, written to by the AWS SDK
 * over HTTP: what each write operation tells a watcher, and what it must not.
 */
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { openServiceUnderTest, type ServiceUnderTest } from './http-server.fixture.ts';
import type { DynamoDbService } from './service.ts';
import type { StoredItem } from './stored-items.ts';

const TABLE = 'Watched';
const OTHER = 'Other';
const TABLE_ARN = `arn:aws:dynamodb:us-east-1:${DEFAULT_ACCOUNT.accountId}:table/${TABLE}`;

describe('items stored, told to watchers', () => {
  let underTest: ServiceUnderTest;
  let service: DynamoDbService;
  let client: DynamoDBClient;
  const reported: unknown[] = [];

  beforeAll(async () => {
    underTest = await openServiceUnderTest([TABLE, OTHER], {
      onBackgroundError: (error) => reported.push(error),
    });
    ({ service, client } = underTest);
  });
  afterAll(() => underTest?.close());

  /** Runs `write` with a watcher on, and returns what it was told (updates are read back, so a turn later). */
  const told = async (write: () => Promise<unknown>): Promise<[string, StoredItem][]> => {
    const seen: [string, StoredItem][] = [];
    const unwatch = service.watchStoredItems((table, item) => seen.push([table, structuredClone(item)]));
    try {
      await write();
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      unwatch();
    }
    return seen;
  };

  it('tells a PutItem its item, under the table name even when the call named the table by ARN', async () => {
    const item = { id: { S: 'put-1' }, n: { N: '7' } };
    expect(await told(() => client.send(new PutItemCommand({ TableName: TABLE_ARN, Item: item })))).toEqual([
      [TABLE, item],
    ]);
  });

  it('tells nothing of a write that failed its condition, and the stored item stays as it was', async () => {
    const seen = await told(() =>
      client
        .send(
          new PutItemCommand({
            TableName: TABLE,
            Item: { id: { S: 'put-1' }, n: { N: '8' } },
            ConditionExpression: 'attribute_not_exists(id)',
          }),
        )
        .catch((error: Error) => error.name),
    );
    expect(seen).toEqual([]);
    const stored = await service.call('GetItem', { TableName: TABLE, Key: { id: { S: 'put-1' } } });
    expect(stored).toEqual({ Item: { id: { S: 'put-1' }, n: { N: '7' } } });
  });

  it("tells each of a BatchWriteItem's puts with its table, and none of its deletes", async () => {
    const seen = await told(() =>
      client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [TABLE]: [
              { PutRequest: { Item: { id: { S: 'batch-1' } } } },
              { DeleteRequest: { Key: { id: { S: 'put-1' } } } },
            ],
            [OTHER]: [{ PutRequest: { Item: { id: { S: 'batch-2' } } } }],
          },
        }),
      ),
    );
    expect(seen.sort(([a], [b]) => a.localeCompare(b))).toEqual([
      [OTHER, { id: { S: 'batch-2' } }],
      [TABLE, { id: { S: 'batch-1' } }],
    ]);
  });

  it('tells an UpdateItem the whole item as stored after it, read back', async () => {
    await service.call('PutItem', { TableName: TABLE, Item: { id: { S: 'upd-1' }, kept: { S: 'yes' } } });
    const seen = await told(() =>
      client.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: { id: { S: 'upd-1' } },
          UpdateExpression: 'SET added = :a',
          ExpressionAttributeValues: { ':a': { N: '1' } },
        }),
      ),
    );
    expect(seen).toEqual([[TABLE, { id: { S: 'upd-1' }, kept: { S: 'yes' }, added: { N: '1' } }]]);
  });

  it("tells a transaction's Put and Update once it succeeded, and nothing of one cancelled", async () => {
    const seen = await told(() =>
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: { id: { S: 'tx-1' } } } },
            {
              Update: {
                TableName: OTHER,
                Key: { id: { S: 'tx-2' } },
                UpdateExpression: 'SET v = :v',
                ExpressionAttributeValues: { ':v': { S: 'new' } },
              },
            },
            { Delete: { TableName: TABLE, Key: { id: { S: 'batch-1' } } } },
          ],
        }),
      ),
    );
    expect(seen.sort(([a], [b]) => a.localeCompare(b))).toEqual([
      [OTHER, { id: { S: 'tx-2' }, v: { S: 'new' } }],
      [TABLE, { id: { S: 'tx-1' } }],
    ]);
    const cancelled = await told(() =>
      client
        .send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: TABLE, Item: { id: { S: 'tx-3' } } } },
              {
                ConditionCheck: {
                  TableName: TABLE,
                  Key: { id: { S: 'absent' } },
                  ConditionExpression: 'attribute_exists(id)',
                },
              },
            ],
          }),
        )
        .catch((error: Error) => error.name),
    );
    expect(cancelled).toEqual([]);
  });

  it('tells nothing once unwatched, and nothing of a delete', async () => {
    const seen: string[] = [];
    const unwatch = service.watchStoredItems((table) => seen.push(table));
    unwatch();
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: 'after' } } }));
    const deleted = await told(() =>
      client.send(new DeleteItemCommand({ TableName: TABLE, Key: { id: { S: 'after' } } })),
    );
    expect(seen).toEqual([]);
    expect(deleted).toEqual([]);
  });

  it('reports a watcher that throws, naming the table, and the write still succeeds for its caller', async () => {
    reported.length = 0;
    const unwatch = service.watchStoredItems(() => {
      throw new Error('watcher broke');
    });
    try {
      await client.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: 'thrown' } } }));
    } finally {
      unwatch();
    }
    expect(reported.map((error) => (error as Error).message)).toEqual([
      `a watcher of items stored in ${TABLE} failed: watcher broke`,
    ]);
    expect(await service.call('GetItem', { TableName: TABLE, Key: { id: { S: 'thrown' } } })).toEqual({
      Item: { id: { S: 'thrown' } },
    });
  });
});
