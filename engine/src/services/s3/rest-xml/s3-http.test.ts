import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock.ts';
import { createS3HttpHandler } from '../operation-table.ts';
import { S3Service } from '../service.ts';

const run = promisify(execFile);

let dataDir: string;
let server: Server;
let endpoint: string;
let client: S3Client;
let service: S3Service;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 's3-http-'));
  service = new S3Service({ dataDir, clock: new VirtualClock() });
  const handle = createS3HttpHandler(service);
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  client = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterAll(async () => {
  client.destroy();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

const errorOf = async (promise: Promise<unknown>): Promise<S3ServiceException> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
};

describe('S3 REST-XML handler with @aws-sdk/client-s3', () => {
  it('stores and returns an object with its etag, type and metadata', async () => {
    // Prepare
    await client.send(new CreateBucketCommand({ Bucket: 'sdk-basic' }));

    // Act
    const put = await client.send(
      new PutObjectCommand({
        Bucket: 'sdk-basic',
        Key: 'dir/hello.txt',
        Body: 'hello',
        ContentType: 'text/plain',
        Metadata: { owner: 'tapstack' },
      }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: 'sdk-basic', Key: 'dir/hello.txt' }));
    const head = await client.send(new HeadObjectCommand({ Bucket: 'sdk-basic', Key: 'dir/hello.txt' }));

    // Assess
    expect(put.ETag).toBe('"5d41402abc4b2a76b9719d911017c592"');
    expect(await got.Body?.transformToString()).toBe('hello');
    expect(got.ContentType).toBe('text/plain');
    expect(got.Metadata).toEqual({ owner: 'tapstack' });
    expect(head.ContentLength).toBe(5);
    expect(head.LastModified?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('decodes an aws-chunked streaming upload with a CRC32 trailer', async () => {
    // Prepare
    await client.send(new CreateBucketCommand({ Bucket: 'sdk-chunked' }));
    const payload = Buffer.alloc(200_000, 'abcdefghij');

    // Act
    await client.send(
      new PutObjectCommand({
        Bucket: 'sdk-chunked',
        Key: 'big.bin',
        Body: Readable.from([payload.subarray(0, 70_000), payload.subarray(70_000)]),
        ContentLength: payload.length,
      }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: 'sdk-chunked', Key: 'big.bin' }));

    // Assess
    expect(
      Buffer.from(await (got.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array()))),
    ).toEqual(payload);
  });

  it('answers NoSuchKey and NoSuchBucket as the SDK expects', async () => {
    // Prepare
    await client.send(new CreateBucketCommand({ Bucket: 'sdk-errors' }));

    // Act
    const missingKey = await errorOf(
      client.send(new GetObjectCommand({ Bucket: 'sdk-errors', Key: 'nope' })),
    );
    const missingBucket = await errorOf(
      client.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket-here' })),
    );
    const missingHead = await errorOf(
      client.send(new HeadObjectCommand({ Bucket: 'sdk-errors', Key: 'nope' })),
    );

    // Assess
    expect(missingKey.name).toBe('NoSuchKey');
    expect(missingKey.$metadata.httpStatusCode).toBe(404);
    expect(missingBucket.name).toBe('NoSuchBucket');
    expect(missingHead.$metadata.httpStatusCode).toBe(404);
  });

  it('pages ListObjectsV2 with a delimiter and continuation tokens', async () => {
    // Prepare
    await client.send(new CreateBucketCommand({ Bucket: 'sdk-list' }));
    for (const key of ['a/1', 'a/2', 'b', 'c/x/y', 'd']) {
      await client.send(new PutObjectCommand({ Bucket: 'sdk-list', Key: key, Body: key }));
    }

    // Act
    const first = await client.send(
      new ListObjectsV2Command({ Bucket: 'sdk-list', Delimiter: '/', MaxKeys: 2 }),
    );
    const second = await client.send(
      new ListObjectsV2Command({
        Bucket: 'sdk-list',
        Delimiter: '/',
        MaxKeys: 2,
        ContinuationToken: first.NextContinuationToken,
      }),
    );

    // Assess
    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/']);
    expect(first.Contents?.map((o) => o.Key)).toEqual(['b']);
    expect(first.IsTruncated).toBe(true);
    expect(second.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['c/']);
    expect(second.Contents?.map((o) => o.Key)).toEqual(['d']);
    expect(second.IsTruncated).toBe(false);
    expect(second.NextContinuationToken).toBeUndefined();
  });

  it('keeps versions and delete markers on a versioned bucket', async () => {
    // Prepare
    await client.send(new CreateBucketCommand({ Bucket: 'sdk-versions' }));
    await client.send(
      new PutBucketVersioningCommand({
        Bucket: 'sdk-versions',
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
    const v1 = await client.send(new PutObjectCommand({ Bucket: 'sdk-versions', Key: 'k', Body: 'one' }));
    await client.send(new PutObjectCommand({ Bucket: 'sdk-versions', Key: 'k', Body: 'two' }));

    // Act
    const deleted = await client.send(new DeleteObjectCommand({ Bucket: 'sdk-versions', Key: 'k' }));
    const listed = await client.send(new ListObjectVersionsCommand({ Bucket: 'sdk-versions' }));
    const old = await client.send(
      new GetObjectCommand({ Bucket: 'sdk-versions', Key: 'k', VersionId: v1.VersionId }),
    );
    const current = await errorOf(client.send(new GetObjectCommand({ Bucket: 'sdk-versions', Key: 'k' })));
    const versioning = await client.send(new GetBucketVersioningCommand({ Bucket: 'sdk-versions' }));

    // Assess
    expect(deleted.DeleteMarker).toBe(true);
    expect(listed.Versions?.map((v) => v.IsLatest)).toEqual([false, false]);
    expect(listed.Versions?.[1]?.VersionId).toBe(v1.VersionId);
    expect(listed.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest])).toEqual([[deleted.VersionId, true]]);
    expect(await old.Body?.transformToString()).toBe('one');
    expect(current.name).toBe('NoSuchKey');
    expect(versioning.Status).toBe('Enabled');
  });

  it('refuses to delete a bucket that still holds objects', async () => {
    // Prepare
    await client.send(new CreateBucketCommand({ Bucket: 'sdk-not-empty' }));
    await client.send(new PutObjectCommand({ Bucket: 'sdk-not-empty', Key: 'k', Body: 'x' }));

    // Act
    const refused = await errorOf(client.send(new DeleteBucketCommand({ Bucket: 'sdk-not-empty' })));
    await client.send(new DeleteObjectCommand({ Bucket: 'sdk-not-empty', Key: 'k' }));
    await client.send(new DeleteBucketCommand({ Bucket: 'sdk-not-empty' }));
    const buckets = await client.send(new ListBucketsCommand({}));

    // Assess
    expect(refused.name).toBe('BucketNotEmpty');
    expect(refused.$metadata.httpStatusCode).toBe(409);
    expect(buckets.Buckets?.map((b) => b.Name)).not.toContain('sdk-not-empty');
  });

  it('reports us-east-1 as an empty location constraint', async () => {
    // Prepare
    await client.send(new CreateBucketCommand({ Bucket: 'sdk-location' }));

    // Act
    const location = await client.send(new GetBucketLocationCommand({ Bucket: 'sdk-location' }));

    // Assess
    expect(location.LocationConstraint ?? '').toBe('');
  });

  it('assembles a multipart upload with the multipart ETag', async () => {
    // Prepare
    await client.send(new CreateBucketCommand({ Bucket: 'sdk-multipart' }));
    const first = Buffer.alloc(5 * 1024 * 1024, 'x');
    const second = Buffer.from('tail');
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: 'sdk-multipart', Key: 'big', ContentType: 'text/plain' }),
    );

    // Act
    const parts = [];
    for (const [index, body] of [first, second].entries()) {
      const { ETag } = await client.send(
        new UploadPartCommand({
          Bucket: 'sdk-multipart',
          Key: 'big',
          UploadId,
          PartNumber: index + 1,
          Body: body,
        }),
      );
      parts.push({ ETag, PartNumber: index + 1 });
    }
    const done = await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'sdk-multipart',
        Key: 'big',
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: 'sdk-multipart', Key: 'big' }));
    const reuse = await errorOf(
      client.send(
        new UploadPartCommand({ Bucket: 'sdk-multipart', Key: 'big', UploadId, PartNumber: 3, Body: 'x' }),
      ),
    );

    // Assess
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
    expect(got.ContentLength).toBe(first.length + second.length);
    expect(got.ContentType).toBe('text/plain');
    expect(
      Buffer.from(await (got.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())))
        .subarray(-4)
        .toString(),
    ).toBe('tail');
    expect(reuse.name).toBe('NoSuchUpload');
  });

  it('serves a byte range', async () => {
    // Prepare
    await client.send(new CreateBucketCommand({ Bucket: 'sdk-range' }));
    await client.send(new PutObjectCommand({ Bucket: 'sdk-range', Key: 'k', Body: '0123456789' }));

    // Act
    const part = await client.send(
      new GetObjectCommand({ Bucket: 'sdk-range', Key: 'k', Range: 'bytes=2-4' }),
    );

    // Assess
    expect(await part.Body?.transformToString()).toBe('234');
    expect(part.ContentRange).toBe('bytes 2-4/10');
  });
});

describe('S3 REST-XML handler addressing', () => {
  it('accepts virtual-hosted-style requests on the .s3.localhost suffix', async () => {
    // Prepare
    service.createBucket({ bucket: 'vhost-bucket' });
    service.putObject({ bucket: 'vhost-bucket', key: 'a/b.txt', body: Buffer.from('virtual') });
    const { port } = server.address() as { port: number };

    // Act
    const body = await new Promise<string>((resolve, reject) => {
      request(
        { host: '127.0.0.1', port, path: '/a/b.txt', headers: { host: `vhost-bucket.s3.localhost:${port}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString()));
        },
      )
        .on('error', reject)
        .end();
    });

    // Assess
    expect(body).toBe('virtual');
  });
});

describe('S3 REST-XML handler with the aws CLI', () => {
  const cliAvailable = async (): Promise<boolean> => {
    try {
      await run('aws', ['--version']);
      return true;
    } catch {
      return false;
    }
  };

  it('copies a file up and down and lists it', async (context) => {
    // Prepare
    if (!(await cliAvailable())) {
      if (process.env.CI === 'true') throw new Error('the aws CLI is required under CI=true');
      context.skip('the aws CLI is not installed: this CLI round trip was not run');
    }
    const work = mkdtempSync(join(tmpdir(), 's3-cli-'));
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(work, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(work, 'credentials'),
    };
    const aws = (...args: string[]) => run('aws', ['--endpoint-url', endpoint, ...args], { env });
    writeFileSync(join(work, 'up.txt'), 'from the cli\n');
    // Above the CLI's 8 MB multipart threshold, so `cp` uses multipart upload.
    const big = Buffer.alloc(9 * 1024 * 1024, 'b');
    writeFileSync(join(work, 'big.bin'), big);

    // Act
    await aws('s3', 'mb', 's3://cli-bucket');
    await aws('s3', 'cp', join(work, 'up.txt'), 's3://cli-bucket/folder/up file.txt');
    const listing = await aws('s3', 'ls', 's3://cli-bucket/folder/');
    await aws('s3', 'cp', 's3://cli-bucket/folder/up file.txt', join(work, 'down.txt'));
    await aws('s3', 'cp', join(work, 'big.bin'), 's3://cli-bucket/big.bin');
    const bigStored = service.getObject({ bucket: 'cli-bucket', key: 'big.bin' });
    await aws('s3', 'rm', '--recursive', 's3://cli-bucket');
    const after = service.listObjectsV2({ bucket: 'cli-bucket' });

    // Assess
    expect(listing.stdout).toMatch(/13 up file\.txt/);
    expect(readFileSync(join(work, 'down.txt'), 'utf8')).toBe('from the cli\n');
    expect(bigStored.body.equals(big)).toBe(true);
    expect(bigStored.version.etag).toMatch(/-2"$/);
    expect(after.keyCount).toBe(0);
    rmSync(work, { recursive: true, force: true });
  });
});
