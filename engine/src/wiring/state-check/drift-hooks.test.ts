/**
 * Deletes made through the AWS endpoint (not by a stack) are recorded in drift.json, so a later
 * start can tell a deliberate DeleteTable/DeleteQueue/DeleteBucket from lost data.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, DeleteBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Engine } from '../../engine.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-drift-'));
let engine: Engine;
beforeAll(async () => {
  engine = await Engine.start({ dataDir, port: 0, apiBasePort: 0, onWarning: () => {} });
});
afterAll(async () => {
  await engine?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('records DeleteTable, DeleteQueue and DeleteBucket made on the endpoint, with the name', async () => {
  const config = {
    endpoint: engine.endpointUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const ddb = new DynamoDBClient(config);
  const sqs = new SQSClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  try {
    await ddb.send(
      new CreateTableCommand({
        TableName: 'table-one',
        KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    // As against AWS, a table can be deleted once it is ACTIVE (the flip from CREATING is async).
    await waitUntilTableExists(
      { client: ddb, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 },
      { TableName: 'table-one' },
    );
    await ddb.send(new DeleteTableCommand({ TableName: 'table-one' }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'q1' }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    await s3.send(new CreateBucketCommand({ Bucket: 'bucket-one' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'bucket-one' }));
  } finally {
    ddb.destroy();
    sqs.destroy();
    s3.destroy();
  }

  const recorded = JSON.parse(readFileSync(join(dataDir, 'drift.json'), 'utf8')) as {
    deleted: { kind: string; name: string; operation: string }[];
  };
  expect(recorded.deleted.map(({ kind, name, operation }) => ({ kind, name, operation }))).toEqual([
    { kind: 'table', name: 'table-one', operation: 'DeleteTable' },
    { kind: 'queue', name: 'q1', operation: 'DeleteQueue' },
    { kind: 'bucket', name: 'bucket-one', operation: 'DeleteBucket' },
  ]);
});
