/**
 * A single S3 PutObject is streamed to disk, not buffered by the endpoint: a 25 MB object (over
 * the 20 MiB the endpoint buffers for other services) goes in with one PUT from the SDK and from
 * the AWS CLI, and only a declared size above S3's 5 GB single-PUT maximum gets EntityTooLarge.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../support/local-cloud.fixture.ts';

const run = promisify(execFile);
const awsCliPresent = await run('aws', ['--version']).then(
  () => true,
  () => false,
);
if (!awsCliPresent && process.env.CI === 'true') throw new Error('the AWS CLI is required under CI=true');
if (!awsCliPresent)
  console.warn('[s3-large-objects.test] the AWS CLI part was NOT run: `aws` is not installed');

const SIZE = 25 * 1024 * 1024;
const body = Buffer.alloc(SIZE, 0);
for (let i = 0; i < SIZE; i += 4096) body.writeUInt32BE(i, i);
const md5 = createHash('md5').update(body).digest('hex');

let cloud: LocalCloud;
let bucket: string;
const scratch = mkdtempSync(join(tmpdir(), 's3-large-'));
beforeAll(async () => {
  cloud = await startLocalCloud();
  bucket = cloud.output('S3BucketName');
}, 120_000);
afterAll(async () => {
  await cloud?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('S3 single PutObject of a large body', () => {
  it('stores a 25 MB body from the SDK in one PUT and reads it back byte for byte', async () => {
    const put = await cloud
      .s3()
      .send(new PutObjectCommand({ Bucket: bucket, Key: 'large/sdk.bin', Body: body }));
    const got = await cloud.s3().send(new GetObjectCommand({ Bucket: bucket, Key: 'large/sdk.bin' }));
    const bytes = Buffer.from(
      await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );

    expect(put.ETag).toBe(`"${md5}"`);
    expect(got.ContentLength).toBe(SIZE);
    expect(bytes.equals(body)).toBe(true);
    // Nothing is left in the staging area once the object is written.
    expect(readdirSync(join(cloud.dataDir, 's3', 'staging'))).toEqual([]);
  });

  it.skipIf(!awsCliPresent)('stores a 25 MB file from `aws s3api put-object` (one PUT)', async () => {
    const file = join(scratch, 'cli.bin');
    writeFileSync(file, body);

    const { stdout } = await run(
      'aws',
      [
        '--endpoint-url',
        cloud.endpointUrl,
        '--output',
        'json',
        's3api',
        'put-object',
        '--bucket',
        bucket,
        '--key',
        'large/cli.bin',
        '--body',
        file,
      ],
      {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_PAGER: '',
        },
        timeout: 120_000,
      },
    );

    expect((JSON.parse(stdout) as { ETag: string }).ETag).toBe(`"${md5}"`);
    const head = await cloud.s3().send(new GetObjectCommand({ Bucket: bucket, Key: 'large/cli.bin' }));
    expect(head.ContentLength).toBe(SIZE);
    await head.Body?.transformToByteArray();
  });

  it('answers S3’s EntityTooLarge (not a 413) when the declared size is over 5 GB, without reading it', async () => {
    const { hostname, port } = new URL(cloud.endpointUrl);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: hostname,
          port,
          method: 'PUT',
          path: `/${bucket}/large/too-big.bin`,
          headers: {
            'content-length': String(5 * 1024 ** 3 + 1),
            'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
            'x-amz-date': '20260101T000000Z',
            authorization:
              'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(1024));
    });

    expect(answer.status).toBe(400);
    expect(answer.text).toContain('<Code>EntityTooLarge</Code>');
    expect(readdirSync(join(cloud.dataDir, 's3', 'staging'))).toEqual([]);
  });
});
