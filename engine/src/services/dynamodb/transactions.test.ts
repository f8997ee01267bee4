import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openServiceUnderTest, type ServiceUnderTest } from './http-server.fixture.ts';

/**
 * TransactWriteItems / TransactGetItems (which dynalite lacks) and the batch operations, through
 * the DynamoDB wire protocol with the real SDK v3 client.
 */
let underTest: ServiceUnderTest;
let client: DynamoDBClient;

beforeAll(async () => {
  underTest = await openServiceUnderTest(['Accounts', 'Audit']);
  client = underTest.client;
});

afterAll(() => underTest?.close());

const balance = async (id: string): Promise<string | undefined> =>
  (await client.send(new GetItemCommand({ TableName: 'Accounts', Key: { id: { S: id } } }))).Item?.balance?.N;

const auditIds = async (): Promise<string[]> =>
  ((await client.send(new ScanCommand({ TableName: 'Audit' }))).Items ?? []).map((i) => i.id?.S ?? '').sort();

/** Moves `amount` from a to b, refusing to overdraw, and records the transfer. */
const transfer = (id: string, amount: number) =>
  new TransactWriteItemsCommand({
    TransactItems: [
      {
        Update: {
          TableName: 'Accounts',
          Key: { id: { S: 'a' } },
          UpdateExpression: 'SET balance = balance - :n',
          ConditionExpression: 'balance >= :n',
          ExpressionAttributeValues: { ':n': { N: String(amount) } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      {
        Update: {
          TableName: 'Accounts',
          Key: { id: { S: 'b' } },
          UpdateExpression: 'SET balance = balance + :n',
          ExpressionAttributeValues: { ':n': { N: String(amount) } },
        },
      },
      {
        Put: { TableName: 'Audit', Item: { id: { S: id } }, ConditionExpression: 'attribute_not_exists(id)' },
      },
      {
        ConditionCheck: {
          TableName: 'Accounts',
          Key: { id: { S: 'c' } },
          ConditionExpression: 'attribute_exists(id)',
        },
      },
    ],
  });

beforeEach(async () => {
  for (const [id, n] of [
    ['a', '100'],
    ['b', '0'],
    ['c', '0'],
  ] as const)
    await client.send(
      new PutItemCommand({ TableName: 'Accounts', Item: { id: { S: id }, balance: { N: n } } }),
    );
});

describe('TransactWriteItems', () => {
  it('applies every action when every condition holds, and a ConditionCheck changes nothing', async () => {
    // Act
    await client.send(transfer('t1', 30));
    // Assess
    expect([await balance('a'), await balance('b'), await balance('c')]).toEqual(['70', '30', '0']);
    expect(await auditIds()).toContain('t1');
  });

  it('applies nothing when one condition fails, with a reason per item in request order', async () => {
    // Prepare
    const auditBefore = await auditIds();
    // Act
    const failure = await client.send(transfer('t2', 500)).catch((error: unknown) => error);
    // Assess
    expect(failure).toBeInstanceOf(TransactionCanceledException);
    const canceled = failure as TransactionCanceledException;
    expect(canceled.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None, None, None]',
    );
    expect(canceled.CancellationReasons).toEqual([
      {
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        Item: { id: { S: 'a' }, balance: { N: '100' } },
      },
      { Code: 'None' },
      { Code: 'None' },
      { Code: 'None' },
    ]);
    expect([await balance('a'), await balance('b')]).toEqual(['100', '0']);
    expect(await auditIds()).toEqual(auditBefore);
  });

  it('rolls back a new item and reports a failing ConditionCheck on a missing item', async () => {
    // Act
    const failure: unknown = await client
      .send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'Audit', Item: { id: { S: 'never' } } } },
            {
              ConditionCheck: {
                TableName: 'Accounts',
                Key: { id: { S: 'missing' } },
                ConditionExpression: 'attribute_exists(id)',
              },
            },
          ],
        }),
      )
      .catch((error: unknown) => error);
    // Assess
    expect(failure).toBeInstanceOf(TransactionCanceledException);
    expect((failure as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual([
      'None',
      'ConditionalCheckFailed',
    ]);
    expect(await auditIds()).not.toContain('never');
    const missing = await client.send(
      new GetItemCommand({ TableName: 'Accounts', Key: { id: { S: 'missing' } } }),
    );
    expect(missing.Item).toBeUndefined();
  });

  it('refuses two actions on one item, an empty list and an unknown table, changing nothing', async () => {
    // Act
    const twice = client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'Accounts', Item: { id: { S: 'a' }, balance: { N: '1' } } } },
          { Delete: { TableName: 'Accounts', Key: { id: { S: 'a' } } } },
        ],
      }),
    );
    const empty = client.send(new TransactWriteItemsCommand({ TransactItems: [] }));
    const unknown = client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'Accounts', Item: { id: { S: 'a' }, balance: { N: '2' } } } },
          { Put: { TableName: 'Nope', Item: { id: { S: 'x' } } } },
        ],
      }),
    );
    // Assess
    await expect(twice).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Transaction request cannot include multiple operations on one item',
    });
    await expect(empty).rejects.toMatchObject({ name: 'ValidationException', message: /transactItems/ });
    await expect(unknown).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await balance('a')).toBe('100');
  });

  it('keeps other writes out while a transaction runs (no lost update between its steps)', async () => {
    // Act: 20 transfers of 1 racing 20 plain increments of b.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => [
        client.send(transfer(`race-${i}`, 1)),
        client.send(
          new UpdateItemCommand({
            TableName: 'Accounts',
            Key: { id: { S: 'b' } },
            UpdateExpression: 'SET balance = balance + :one',
            ExpressionAttributeValues: { ':one': { N: '1' } },
          }),
        ),
      ]).flat(),
    );
    // Assess
    expect([await balance('a'), await balance('b')]).toEqual(['80', '40']);
  });
});

describe('TransactGetItems and the batch operations', () => {
  it('reads items in request order, an empty entry for a missing one', async () => {
    // Act
    const result = await client.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: 'Accounts', Key: { id: { S: 'b' } } } },
          { Get: { TableName: 'Accounts', Key: { id: { S: 'zzz' } } } },
          { Get: { TableName: 'Accounts', Key: { id: { S: 'a' } }, ProjectionExpression: 'balance' } },
        ],
      }),
    );
    // Assess
    expect(result.Responses).toEqual([
      { Item: { id: { S: 'b' }, balance: { N: '0' } } },
      {},
      { Item: { balance: { N: '100' } } },
    ]);
  });

  it('writes and reads across two tables with BatchWriteItem and BatchGetItem', async () => {
    // Act
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          Accounts: [{ PutRequest: { Item: { id: { S: 'batch' }, balance: { N: '5' } } } }],
          Audit: [{ PutRequest: { Item: { id: { S: 'batch-audit' } } } }],
        },
      }),
    );
    const read = await client.send(
      new BatchGetItemCommand({
        RequestItems: {
          Accounts: { Keys: [{ id: { S: 'batch' } }, { id: { S: 'a' } }] },
          Audit: { Keys: [{ id: { S: 'batch-audit' } }] },
        },
      }),
    );
    // Assess
    const ids = (name: string) => (read.Responses?.[name] ?? []).map((item) => item.id?.S).sort();
    expect(ids('Accounts')).toEqual(['a', 'batch']);
    expect(ids('Audit')).toEqual(['batch-audit']);
    expect(read.UnprocessedKeys).toEqual({});
  });
});
