/**
 * DynamoDB through the real endpoint as its `json-handler` entry: the body is parsed once, IAM is
 * checked on every target of the parsed input before anything runs, and bad input gets
 * DynamoDB's (dynalite's) exact error bodies with the `x-amz-crc32` checksum.
 */
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EndpointFixture, fakeAuth, ROLE_KEY, startEndpoint } from './endpoint.fixture.ts';

let fx: EndpointFixture;

beforeAll(async () => {
  fx = await startEndpoint(new Set(['dynamodb:UpdateItem']));
});
afterAll(async () => fx?.close());

async function call(operation: string, body: unknown, key = 'root-key') {
  const response = await fetch(fx.url, {
    method: 'POST',
    headers: {
      ...fakeAuth('dynamodb', key),
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${operation}`,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, headers: response.headers };
}

const table = (TableName: string) => ({
  TableName,
  AttributeDefinitions: [
    { AttributeName: 'id', AttributeType: 'S' },
    { AttributeName: 'shard', AttributeType: 'S' },
  ],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'ByShard',
      KeySchema: [{ AttributeName: 'shard', KeyType: 'HASH' }],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
  BillingMode: 'PAY_PER_REQUEST',
});

async function itemsIn(name: string): Promise<unknown[]> {
  const scan = await call('Scan', { TableName: name });
  expect(scan.status).toBe(200);
  return (JSON.parse(scan.text) as { Items: unknown[] }).Items;
}

describe('DynamoDB as the endpoint json-handler entry', () => {
  beforeAll(async () => {
    for (const name of ['Left', 'Right']) expect((await call('CreateTable', table(name))).status).toBe(200);
    // As on AWS, a table takes item writes once ACTIVE.
    for (const name of ['Left', 'Right']) {
      while (!(await call('DescribeTable', { TableName: name })).text.includes('"TableStatus":"ACTIVE"'))
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });

  it('answers with x-amz-crc32 over the exact body and the content type the client sent', async () => {
    // Act
    const put = await call('PutItem', { TableName: 'Left', Item: { id: { S: 'a' }, shard: { S: '1' } } });

    // Assess
    expect(put.status).toBe(200);
    expect(put.text).toBe('{}');
    expect(put.headers.get('x-amz-crc32')).toBe(String(crc32(put.text)));
    expect(put.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(put.headers.get('x-amzn-requestid')).toMatch(/^[A-Z0-9]{52}$/);
  });

  it("refuses bad input with dynalite's exact ValidationException and stores nothing", async () => {
    // Act
    const missingKey = await call('PutItem', { TableName: 'Right', Item: { shard: { S: '1' } } });
    const badType = await call('PutItem', { TableName: 'Right', Item: { id: { S: 'x' } }, ReturnValues: 7 });

    // Assess
    expect(missingKey.status).toBe(400);
    expect(JSON.parse(missingKey.text)).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: 'One or more parameter values were invalid: Missing the key id in the item',
    });
    expect(missingKey.headers.get('x-amz-crc32')).toBe(String(crc32(missingKey.text)));
    expect(badType.status).toBe(400);
    expect(JSON.parse(badType.text)).toEqual({
      __type: 'com.amazon.coral.service#SerializationException',
      Message: 'NUMBER_VALUE cannot be converted to String',
    });
    expect(await itemsIn('Right')).toEqual([]);
  });

  it('answers a body that is not JSON, an unknown target and an operation it lacks as DynamoDB does', async () => {
    // Act
    const notJson = await call('PutItem', '{not json');
    const unknown = await call('ExecuteStatement', { Statement: 'SELECT * FROM Left' });

    // Assess
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.text)).toEqual({ __type: 'com.amazon.coral.service#SerializationException' });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toMatchObject({
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message: expect.stringContaining('ExecuteStatement is not emulated'),
    });
  });

  it('checks every item of a transaction before running it: one denied item stores nothing', async () => {
    // Prepare
    const before = fx.checks.length;

    // Act
    const denied = await call(
      'TransactWriteItems',
      {
        TransactItems: [
          { Put: { TableName: 'Right', Item: { id: { S: 't1' } } } },
          {
            Update: {
              TableName: 'Left',
              Key: { id: { S: 'a' } },
              UpdateExpression: 'SET n = :n',
              ExpressionAttributeValues: { ':n': { N: '1' } },
            },
          },
        ],
      },
      ROLE_KEY,
    );

    // Assess
    expect(denied.status).toBe(400);
    expect(JSON.parse(denied.text)).toMatchObject({
      __type: 'com.amazon.coral.service#AccessDeniedException',
    });
    expect(fx.checks.slice(before)).toEqual([
      { action: 'dynamodb:PutItem', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/Right' },
      { action: 'dynamodb:UpdateItem', resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/Left' },
    ]);
    expect(await itemsIn('Right')).toEqual([]);
    expect(await itemsIn('Left')).toEqual([{ id: { S: 'a' }, shard: { S: '1' } }]);
  });

  it('authorizes a Query on an index against the index ARN', async () => {
    // Prepare
    const before = fx.checks.length;

    // Act
    const query = await call(
      'Query',
      {
        TableName: 'Left',
        IndexName: 'ByShard',
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'shard' },
        ExpressionAttributeValues: { ':s': { S: '1' } },
      },
      ROLE_KEY,
    );

    // Assess
    expect(query.status).toBe(200);
    expect(JSON.parse(query.text)).toMatchObject({ Count: 1 });
    expect(fx.checks.slice(before)).toEqual([
      {
        action: 'dynamodb:Query',
        resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/Left/index/ByShard',
      },
    ]);
  });
});
