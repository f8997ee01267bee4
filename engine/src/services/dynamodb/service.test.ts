import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ExecuteStatementCommand,
  GetItemCommand,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { createDynaliteStore, runDynaliteOperation } from './dynalite-engine.ts';
import { dynamoDbTestServer } from './http-server.fixture.ts';
import { DynamoDbService } from './service.ts';

let dataDir: string;
let clock: VirtualClock;
const cleanups: (() => Promise<void>)[] = [];

async function openService(): Promise<DynamoDbService> {
  const service = await DynamoDbService.open({ dataDir, clock, account: DEFAULT_ACCOUNT });
  cleanups.push(() => service.close());
  return service;
}

async function serve(service: DynamoDbService): Promise<DynamoDBClient> {
  const server: Server = dynamoDbTestServer(service);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  cleanups.unshift(async () => {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return client;
}

const SIGNED =
  'AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x';

const keyedTable = (TableName: string) => ({
  TableName,
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
  BillingMode: 'PAY_PER_REQUEST' as const,
});

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tapstack-dynamodb-'));
  clock = new VirtualClock(Date.UTC(2026, 0, 1));
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('DynamoDbService', () => {
  it('serves a table created in-process to a wire client, with on-demand billing reported', async () => {
    // Prepare
    const service = await openService();
    const client = await serve(service);
    await service.createTable(keyedTable('Requests'));
    await service.waitUntilActive('Requests');

    // Act
    await client.send(new PutItemCommand({ TableName: 'Requests', Item: { id: { S: 'a' }, n: { N: '1' } } }));
    const got = await client.send(new GetItemCommand({ TableName: 'Requests', Key: { id: { S: 'a' } } }));
    const described = await client.send(new DescribeTableCommand({ TableName: 'Requests' }));

    // Assess
    expect(got.Item).toEqual({ id: { S: 'a' }, n: { N: '1' } });
    expect(described.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(described.Table?.TableArn).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/Requests');
  });

  it('keeps SSE and tags given to CreateTable on the wire, which dynalite alone would drop', async () => {
    // Prepare
    const service = await openService();
    const client = await serve(service);

    // Act
    const created = await client.send(
      new CreateTableCommand({
        ...keyedTable('Encrypted'),
        SSESpecification: { Enabled: true, SSEType: 'KMS' },
        Tags: [{ Key: 'project', Value: 'tapstack' }],
      }),
    );
    const tags = await client.send(
      new ListTagsOfResourceCommand({ ResourceArn: created.TableDescription?.TableArn }),
    );
    const described = await service.describeTable('Encrypted');

    // Assess
    expect(created.TableDescription?.SSEDescription?.Status).toBe('ENABLED');
    expect(described.SSEDescription?.KMSMasterKeyArn).toMatch(/^arn:aws:kms:us-east-1:000000000000:key\//);
    expect(tags.Tags).toEqual([{ Key: 'project', Value: 'tapstack' }]);
  });

  it('refuses an enabled stream specification instead of ignoring it', async () => {
    // Prepare
    const service = await openService();

    // Act
    const attempt = service.createTable({
      ...keyedTable('Streamed'),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    });

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: 'ValidationException',
      message: /Streams are not supported/,
    });
    await expect(service.describeTable('Streamed')).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
    });
  });

  it('answers an operation it does not emulate with an error naming it and saying so', async () => {
    // Prepare
    const client = await serve(await openService());

    // Act
    const attempt = client.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM "T"' }));

    // Assess
    await expect(attempt).rejects.toMatchObject({
      name: 'UnknownOperationException',
      message: expect.stringMatching(/^ExecuteStatement is not emulated locally .*TransactWriteItems/),
    });
  });

  it('reopens the same directory after close, with tables, items and settings intact', async () => {
    // Prepare
    const first = await openService();
    await first.createTable(keyedTable('Kept'));
    await first.waitUntilActive('Kept');
    await first.updateTimeToLive({
      TableName: 'Kept',
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
    });
    await first.call('PutItem', { TableName: 'Kept', Item: { id: { S: 'x' } } });
    await first.close();

    // Act
    const second = await openService();
    const item = await second.call('GetItem', { TableName: 'Kept', Key: { id: { S: 'x' } } });

    // Assess
    expect(item).toEqual({ Item: { id: { S: 'x' } } });
    expect(await second.describeTimeToLive('Kept')).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'ttl',
    });
  });

  it('refuses a directory another open service holds, naming the directory', async () => {
    // Prepare
    await openService();

    // Act
    const attempt = DynamoDbService.open({ dataDir, clock, account: DEFAULT_ACCOUNT });

    // Assess
    await expect(attempt).rejects.toThrow(`${join(dataDir, 'leveldb')} is locked`);
  });

  it('refuses a damaged directory, naming it, and leaves it as it was', async () => {
    // Prepare
    const first = await openService();
    await first.createTable(keyedTable('Lost'));
    await first.close();
    writeFileSync(join(dataDir, 'leveldb', 'CURRENT'), 'MANIFEST-999999\n');

    // Act
    const attempt = DynamoDbService.open({ dataDir, clock, account: DEFAULT_ACCOUNT });

    // Assess
    await expect(attempt).rejects.toThrow(
      `DynamoDB data directory ${join(dataDir, 'leveldb')} could not be opened`,
    );
  });

  it('deletes expired items on the sweep after expiry, and only those', async () => {
    // Prepare
    const service = await openService();
    const client = await serve(service);
    await service.createTable(keyedTable('Sessions'));
    await service.waitUntilActive('Sessions');
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: 'Sessions',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );
    const nowSeconds = clock.now() / 1000;
    const items = {
      expired: { N: String(nowSeconds - 1) },
      future: { N: String(nowSeconds + 3600) },
      text: { S: String(nowSeconds - 1) },
    };
    for (const [id, expiresAt] of Object.entries(items)) {
      await client.send(new PutItemCommand({ TableName: 'Sessions', Item: { id: { S: id }, expiresAt } }));
    }
    const get = (id: string) =>
      client.send(new GetItemCommand({ TableName: 'Sessions', Key: { id: { S: id } } }));

    // Act
    const beforeSweep = await get('expired');
    await clock.advance(5 * 60_000);
    await service.settled();

    // Assess
    expect(beforeSweep.Item).toBeDefined();
    expect((await get('expired')).Item).toBeUndefined();
    expect((await get('future')).Item).toBeDefined();
    expect((await get('text')).Item).toBeDefined();
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: 'Sessions' }));
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it('rejects enabling Time to Live twice', async () => {
    // Prepare
    const service = await openService();
    await service.createTable(keyedTable('Twice'));
    const spec = { TableName: 'Twice', TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } };
    await service.updateTimeToLive(spec);

    // Act
    const attempt = service.updateTimeToLive(spec);

    // Assess
    await expect(attempt).rejects.toMatchObject({
      code: 'ValidationException',
      message: 'TimeToLive is already enabled',
    });
  });

  it('pages ListTables by name without reading items', async () => {
    // Prepare
    const service = await openService();
    const client = await serve(service);
    for (const name of ['ccc', 'aaa', 'bbb']) await service.createTable(keyedTable(name));
    await service.call('PutItem', { TableName: 'aaa', Item: { id: { S: 'x' } } }).catch(() => undefined);

    // Act
    const first = await client.send(new ListTablesCommand({ Limit: 2 }));
    const second = await client.send(
      new ListTablesCommand({ ExclusiveStartTableName: first.LastEvaluatedTableName }),
    );

    // Assess
    expect(first).toMatchObject({ TableNames: ['aaa', 'bbb'], LastEvaluatedTableName: 'bbb' });
    expect(second.TableNames).toEqual(['ccc']);
    expect(second.LastEvaluatedTableName).toBeUndefined();
  });

  it('finishes a table left CREATING by a process that died before the status flip, on reopen', async () => {
    // Prepare: CreateTable answered, then the database closed before dynalite's 0 ms timer flips it.
    const path = join(dataDir, 'leveldb');
    const raw = createDynaliteStore(path, '000000000000', 'us-east-1');
    await raw.db.open();
    await runDynaliteOperation(raw, 'CreateTable', keyedTable('Interrupted'));
    await raw.lifecycleManager.gracefulClose();
    const check = createDynaliteStore(path, '000000000000', 'us-east-1');
    await check.db.open();
    const left = (await runDynaliteOperation(check, 'DescribeTable', { TableName: 'Interrupted' })) as {
      Table: { TableStatus: string };
    };
    await check.lifecycleManager.gracefulClose();

    // Act
    const service = await openService();
    const described = await service.describeTable('Interrupted');

    // Assess
    expect(left.Table.TableStatus).toBe('CREATING');
    expect(described.TableStatus).toBe('ACTIVE');
  });

  it.each([
    ['GET', {}, undefined, 200, 'healthy: dynamodb.us-east-1.amazonaws.com '],
    [
      'POST',
      { 'x-amz-target': 'DynamoDB_20120810.ListTables', authorization: SIGNED },
      '{not json',
      400,
      'SerializationException',
    ],
    [
      'POST',
      { 'x-amz-target': 'Nope.ListTables', authorization: SIGNED },
      '{}',
      400,
      'UnknownOperationException',
    ],
    [
      'POST',
      { 'x-amz-target': 'DynamoDB_20120810.ListTables', authorization: SIGNED },
      '{}',
      200,
      '"TableNames":[]',
    ],
  ])('answers a raw %s %j like dynalite: %i %s', async (method, headers, body, status, text) => {
    // Prepare
    const service = await openService();
    const server = dynamoDbTestServer(service);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.unshift(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;

    // Act
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-date': '20260101T000000Z', ...headers },
      ...(body !== undefined && { body }),
    });

    // Assess
    expect(response.status).toBe(status);
    expect(await response.text()).toContain(text);
  });
});
