/**
 * Free space under the floor: writes are refused with each service's throttling or unavailable
 * error (the API with 429), reads keep working, and nothing acknowledged before is lost, even
 * across a restart. The free space comes from a fake source, so no disk has to be filled; `up`'s
 * warning is checked against the real statfs with a threshold no disk reaches.
 */
import { rmSync } from 'node:fs';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, postJson, startLocalCloud, TABLE_NAME } from '../support/local-cloud.fixture.ts';
import { ensureCliBuilt, exited, startCliCloud } from './support/cli.fixture.ts';
import { tableSnapshot } from './support/table.fixture.ts';

const GB = 1024 ** 3;
const MB = 1024 ** 2;
let free = 10 * GB;
const disk = { source: () => free, floorBytes: 100 * MB, warnBelowBytes: GB, cacheMs: 0 };

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ disk });
});
afterAll(async () => cloud?.dispose());

async function failure(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the write to be refused');
}

describe('under the disk floor', () => {
  it('refuses writes, serves reads, and keeps every acknowledged write across a restart', async () => {
    const acknowledged: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await postJson(cloud.apiUrl, { before: i });
      expect(reply.status).toBe(200);
      acknowledged.push(String(reply.json?.requestId));
    }

    free = 50 * MB;
    expect(cloud.engine.disk.warning()).toMatch(
      /only 50\.0 MB free .* under the hard floor of 100\.0 MB: writes are refused/,
    );
    const refused = await postJson(cloud.apiUrl, { refused: true });
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ message: 'Too Many Requests' });

    const config = { ...cloud.clientConfig, maxAttempts: 1 };
    const ddb = new DynamoDBClient(config);
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    const sqs = new SQSClient(config);
    try {
      expect(
        await failure(
          ddb.send(
            new PutItemCommand({
              TableName: TABLE_NAME,
              Item: { RequestId: { S: 'x' }, Timestamp: { S: 't' } },
            }),
          ),
        ),
      ).toEqual({ name: 'ThrottlingException', status: 400 });
      expect(
        await failure(
          s3.send(new PutObjectCommand({ Bucket: cloud.output('S3BucketName'), Key: 'k', Body: 'b' })),
        ),
      ).toMatchObject({ status: 503 });
      expect(
        await failure(
          sqs.send(
            new SendMessageCommand({ QueueUrl: cloud.output('DeadLetterQueueUrl'), MessageBody: 'm' }),
          ),
        ),
      ).toMatchObject({ status: 403 });
      // Reads are served: every acknowledged item is there, nothing from the refused requests.
      const read = await ddb.send(
        new GetItemCommand({ TableName: TABLE_NAME, Key: { RequestId: { S: 'x' }, Timestamp: { S: 't' } } }),
      );
      expect(read.Item).toBeUndefined();
      const items = await tableSnapshot(ddb);
      expect([...items.keys()].sort()).toEqual([...acknowledged].sort());
    } finally {
      ddb.destroy();
      s3.destroy();
      sqs.destroy();
    }

    free = 10 * GB;
    const after = await postJson(cloud.apiUrl, { after: 'space freed' });
    expect(after.status).toBe(200);
    acknowledged.push(String(after.json?.requestId));

    await cloud.stop();
    const restarted = await startLocalCloud({ dataDir: cloud.dataDir, disk });
    try {
      const ddb2 = restarted.dynamodb();
      expect([...(await tableSnapshot(ddb2)).keys()].sort()).toEqual([...acknowledged].sort());
    } finally {
      await restarted.stop();
    }
  });
});

describe('up warns below the free-space threshold (real statfs)', () => {
  it('prints the warning and still starts when above the floor', async () => {
    ensureCliBuilt();
    const running = await startCliCloud([
      '--data-dir',
      `${cloud.dataDir}-cli`,
      '--port',
      '0',
      '--api-port',
      '0',
      '--warn-free-below',
      '1000000TB',
      '--disk-floor',
      '0',
    ]);
    running.child.kill('SIGTERM');
    await exited(running.child);
    rmSync(`${cloud.dataDir}-cli`, { recursive: true, force: true });
    expect(running.output()).toMatch(
      /Warning: only [\d.]+ \w+ free on the disk of .* \(warning below 1000000\.0 TB\); writes will be refused below 0 B/,
    );
  });
});
