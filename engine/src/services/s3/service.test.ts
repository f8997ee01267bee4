import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAwsError } from '../../runtime/aws-error.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import type { BucketPolicyEvaluator, BucketPolicyRequest } from './policy.ts';
import { S3Service } from './service.ts';

const DAY = 86_400_000;
const dirs: string[] = [];

const newDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 's3-service-'));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (isAwsError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an AwsError');
};

const TLS_ONLY_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: ['arn:aws:s3:::secure-bucket', 'arn:aws:s3:::secure-bucket/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});

/** Stands in for the IAM evaluator: understands exactly the TLS-only statement above. */
const tlsOnlyEvaluator =
  (seen: BucketPolicyRequest[]): BucketPolicyEvaluator =>
  (_document, request) => {
    seen.push(request);
    return request.secureTransport ? 'NotApplicable' : 'Deny';
  };

describe('S3Service', () => {
  it('rejects invalid bucket names and duplicate buckets', () => {
    // Prepare
    const s3 = new S3Service({ dataDir: newDir(), clock: new VirtualClock() });
    s3.createBucket({ bucket: 'taken' });

    // Act / Assess
    expect(codeOf(() => s3.createBucket({ bucket: 'Upper' }))).toBe('InvalidBucketName');
    expect(codeOf(() => s3.createBucket({ bucket: 'taken' }))).toBe('BucketAlreadyOwnedByYou');
  });

  it('keeps buckets, versions and bodies across a restart', () => {
    // Prepare
    const dataDir = newDir();
    const clock = new VirtualClock();
    const before = new S3Service({ dataDir, clock });
    before.createBucket({ bucket: 'durable' });
    before.putBucketVersioning({ bucket: 'durable', status: 'Enabled' });
    before.putObject({ bucket: 'durable', key: 'k', body: Buffer.from('one') });
    before.putObject({ bucket: 'durable', key: 'k', body: Buffer.from('two') });

    // Act
    const after = new S3Service({ dataDir, clock });

    // Assess
    expect(after.getObject({ bucket: 'durable', key: 'k' }).body.toString()).toBe('two');
    expect(after.listObjectVersions({ bucket: 'durable' }).versions).toHaveLength(2);
    expect(after.getBucketVersioning({ bucket: 'durable' })).toEqual({ status: 'Enabled' });
  });

  it('overwrites the null version in place while versioning is suspended', () => {
    // Prepare
    const dataDir = newDir();
    const s3 = new S3Service({ dataDir, clock: new VirtualClock() });
    s3.createBucket({ bucket: 'suspended' });
    s3.putObject({ bucket: 'suspended', key: 'k', body: Buffer.from('null-1') });
    s3.putBucketVersioning({ bucket: 'suspended', status: 'Enabled' });
    const kept = s3.putObject({ bucket: 'suspended', key: 'k', body: Buffer.from('versioned') });
    s3.putBucketVersioning({ bucket: 'suspended', status: 'Suspended' });

    // Act
    s3.putObject({ bucket: 'suspended', key: 'k', body: Buffer.from('null-2') });

    // Assess
    const versions = s3.listObjectVersions({ bucket: 'suspended' }).versions.map((v) => v.version.versionId);
    expect(versions).toEqual(['null', kept.versionId]);
    expect(s3.getObject({ bucket: 'suspended', key: 'k', versionId: 'null' }).body.toString()).toBe('null-2');
    expect(readdirSync(join(dataDir, 'objects'))).toHaveLength(2);
  });

  it('checks Content-MD5 against the body', () => {
    // Prepare
    const s3 = new S3Service({ dataDir: newDir(), clock: new VirtualClock() });
    s3.createBucket({ bucket: 'digest' });

    // Act / Assess
    expect(
      codeOf(() =>
        s3.putObject({
          bucket: 'digest',
          key: 'k',
          body: Buffer.from('x'),
          contentMd5: 'XUFAKrxLKna5cZ2REBfFkg==',
        }),
      ),
    ).toBe('BadDigest');
    expect(
      s3.putObject({
        bucket: 'digest',
        key: 'k',
        body: Buffer.from('hello'),
        contentMd5: 'XUFAKrxLKna5cZ2REBfFkg==',
      }).etag,
    ).toBe('"5d41402abc4b2a76b9719d911017c592"');
  });

  it('deletes every version of a versioned bucket within 90 emulated days under expiration rules', async () => {
    // Prepare
    const dataDir = newDir();
    const clock = new VirtualClock(Date.UTC(2026, 0, 1, 9));
    const s3 = new S3Service({ dataDir, clock });
    s3.start();
    s3.createBucket({ bucket: 'archive' });
    s3.putBucketVersioning({ bucket: 'archive', status: 'Enabled' });
    s3.putBucketLifecycle({
      bucket: 'archive',
      rules: [{ id: 'expire', status: 'Enabled', prefix: '', expirationDays: 30, noncurrentDays: 30 }],
    });
    s3.putObject({ bucket: 'archive', key: 'logs/a', body: Buffer.from('a1') });
    await clock.advance(DAY);
    s3.putObject({ bucket: 'archive', key: 'logs/a', body: Buffer.from('a2') });
    s3.putObject({ bucket: 'archive', key: 'logs/b', body: Buffer.from('b1') });

    // Act
    await clock.advance(35 * DAY);
    const atDay36 = s3.listObjectVersions({ bucket: 'archive' }).versions;
    await clock.advance(54 * DAY);

    // Assess
    expect(atDay36.filter((v) => v.version.deleteMarker && v.isLatest).map((v) => v.key)).toEqual([
      'logs/a',
      'logs/b',
    ]);
    expect(s3.listObjectVersions({ bucket: 'archive' }).versions).toEqual([]);
    expect(readdirSync(join(dataDir, 'objects'))).toEqual([]);
    s3.stop();
  });

  it('adds a delete marker but keeps the data under Expiration alone on a versioned bucket', async () => {
    // Prepare
    const clock = new VirtualClock();
    const s3 = new S3Service({ dataDir: newDir(), clock });
    s3.start();
    s3.createBucket({ bucket: 'marker-only' });
    s3.putBucketVersioning({ bucket: 'marker-only', status: 'Enabled' });
    s3.putBucketLifecycle({
      bucket: 'marker-only',
      rules: [{ status: 'Enabled', prefix: '', expirationDays: 1 }],
    });
    const put = s3.putObject({ bucket: 'marker-only', key: 'k', body: Buffer.from('data') });

    // Act
    await clock.advance(90 * DAY);

    // Assess
    expect(s3.listObjectsV2({ bucket: 'marker-only' }).keyCount).toBe(0);
    expect(s3.getObject({ bucket: 'marker-only', key: 'k', versionId: put.versionId }).body.toString()).toBe(
      'data',
    );
    s3.stop();
  });

  it('deletes expired objects outright on an unversioned bucket, only under the rule prefix', async () => {
    // Prepare
    const clock = new VirtualClock();
    const s3 = new S3Service({ dataDir: newDir(), clock });
    s3.start();
    s3.createBucket({ bucket: 'plain' });
    s3.putBucketLifecycle({
      bucket: 'plain',
      rules: [{ status: 'Enabled', prefix: 'tmp/', expirationDays: 2 }],
    });
    s3.putObject({ bucket: 'plain', key: 'tmp/x', body: Buffer.from('x') });
    s3.putObject({ bucket: 'plain', key: 'keep/y', body: Buffer.from('y') });

    // Act
    await clock.advance(3 * DAY);

    // Assess
    expect(s3.listObjectVersions({ bucket: 'plain' }).versions.map((v) => v.key)).toEqual(['keep/y']);
    s3.stop();
  });

  it('refuses lifecycle rules S3 refuses', () => {
    // Prepare
    const s3 = new S3Service({ dataDir: newDir(), clock: new VirtualClock() });
    s3.createBucket({ bucket: 'rules' });

    // Act / Assess
    expect(
      codeOf(() =>
        s3.putBucketLifecycle({
          bucket: 'rules',
          rules: [{ status: 'Enabled', prefix: '', expirationDays: 1, expiredObjectDeleteMarker: true }],
        }),
      ),
    ).toBe('InvalidArgument');
    expect(
      codeOf(() =>
        s3.putBucketLifecycle({
          bucket: 'rules',
          rules: [{ status: 'Enabled', prefix: '', expirationDays: 0 }],
        }),
      ),
    ).toBe('InvalidArgument');
  });

  it('evaluates the bucket policy with local plain-HTTP requests counted as secure by default', () => {
    // Prepare
    const seen: BucketPolicyRequest[] = [];
    const s3 = new S3Service({
      dataDir: newDir(),
      clock: new VirtualClock(),
      evaluateBucketPolicy: tlsOnlyEvaluator(seen),
    });
    s3.createBucket({ bucket: 'secure-bucket' });
    s3.putBucketPolicy({ bucket: 'secure-bucket', policy: TLS_ONLY_POLICY });

    // Act
    s3.putObject(
      { bucket: 'secure-bucket', key: 'k', body: Buffer.from('x') },
      { principal: 'arn:aws:iam::000000000000:role/app', secureTransport: false },
    );

    // Assess
    expect(seen.at(-1)).toEqual({
      principal: 'arn:aws:iam::000000000000:role/app',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::secure-bucket/k',
      secureTransport: true,
    });
  });

  it('denies plain-HTTP callers under a TLS-only policy when plain HTTP is judged as such', () => {
    // Prepare
    const seen: BucketPolicyRequest[] = [];
    const s3 = new S3Service({
      dataDir: newDir(),
      clock: new VirtualClock(),
      evaluateBucketPolicy: tlsOnlyEvaluator(seen),
      treatPlainHttpAsSecure: false,
    });
    s3.createBucket({ bucket: 'secure-bucket' });
    s3.putBucketPolicy({ bucket: 'secure-bucket', policy: TLS_ONLY_POLICY });
    const plain = { principal: 'arn:aws:iam::000000000000:role/app', secureTransport: false };
    const firehose = { principal: 'arn:aws:iam::000000000000:role/delivery' };

    // Act
    const denied = codeOf(() => s3.getObject({ bucket: 'secure-bucket', key: 'k' }, plain));
    s3.putObject({ bucket: 'secure-bucket', key: 'k', body: Buffer.from('x') }, firehose);

    // Assess
    expect(denied).toBe('AccessDenied');
    expect(s3.headObject({ bucket: 'secure-bucket', key: 'k' }).version.size).toBe(1);
  });
});
