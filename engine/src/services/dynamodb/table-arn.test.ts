import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { serveDynamoDb } from './http-server.fixture.ts';
import { DynamoDbService } from './service.ts';

const TABLE = 'arn-table';
const ARN = `arn:aws:dynamodb:${DEFAULT_ACCOUNT.region}:${DEFAULT_ACCOUNT.accountId}:table/${TABLE}`;

let dataDir: string;
let service: DynamoDbService;
let client: DynamoDBClient;
let closeServer: () => Promise<void>;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tapstack-table-arn-'));
  service = await DynamoDbService.open({ dataDir, clock: new VirtualClock(0), account: DEFAULT_ACCOUNT });
  await service.call('CreateTable', {
    TableName: TABLE,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  // CREATING until dynalite's timer flips it: a write before that is ResourceNotFoundException.
  await service.waitUntilActive(TABLE);
  const served = await serveDynamoDb(service);
  closeServer = served.close;
  client = new DynamoDBClient({
    endpoint: served.url,
    region: DEFAULT_ACCOUNT.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterEach(async () => {
  client.destroy();
  await closeServer();
  await service.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a table ARN in TableName (AWS accepts the name or the ARN)', () => {
  it('writes, reads and describes the table through its ARN', async () => {
    await client.send(new PutItemCommand({ TableName: ARN, Item: { id: { S: 'a' }, v: { N: '1' } } }));
    const byName = await client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: 'a' } } }));
    expect(byName.Item?.v?.N).toBe('1');
    const byArn = await client.send(new GetItemCommand({ TableName: ARN, Key: { id: { S: 'a' } } }));
    expect(byArn.Item?.v?.N).toBe('1');
    const described = await client.send(new DescribeTableCommand({ TableName: ARN }));
    expect(described.Table?.TableName).toBe(TABLE);
    expect(described.Table?.TableArn).toBe(ARN);
    const queried = await client.send(
      new QueryCommand({
        TableName: ARN,
        KeyConditionExpression: 'id = :id',
        ExpressionAttributeValues: { ':id': { S: 'a' } },
      }),
    );
    expect(queried.Count).toBe(1);
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: ARN, Item: { id: { S: 't' } } } }],
      }),
    );
    const written = await client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: 't' } } }));
    expect(written.Item?.id?.S).toBe('t');
  });

  it('refuses an ARN that is not a table ARN, and the table keeps its items', async () => {
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: 'kept' } } }));
    const indexArn = `${ARN}/index/ByTime`;
    await expect(
      client.send(new PutItemCommand({ TableName: indexArn, Item: { id: { S: 'b' } } })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(
      client.send(new PutItemCommand({ TableName: 'arn:aws:s3:::a-bucket', Item: { id: { S: 'c' } } })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    // An index ARN is not the table: refused by name, not read as a table called "ByTime".
    await expect(client.send(new DescribeTableCommand({ TableName: indexArn }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    const kept = await client.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: 'kept' } } }));
    expect(kept.Item?.id?.S).toBe('kept');
  });
});
