import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../runtime/account.ts';
import { VirtualClock } from '../runtime/clock.ts';
import { S3Service } from '../services/s3/index.ts';
import { s3BucketProvider } from './aws-s3-bucket.ts';
import type { ProviderContext } from './provider.ts';

const ctx: ProviderContext = {
  logicalId: 'Archive',
  resourceType: 'AWS::S3::Bucket',
  stackName: 'app',
  stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/app/1',
  account: DEFAULT_ACCOUNT,
};

let dataDir: string;
let s3: S3Service;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tapstack-bucket-settings-'));
  s3 = new S3Service({ dataDir, clock: new VirtualClock(0) });
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('AWS::S3::Bucket settings', () => {
  it('stores what the template declares, and S3 reports it back after a restart', async () => {
    // Act
    await s3BucketProvider(s3).create(ctx, {
      BucketName: 'kept',
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/k' },
            BucketKeyEnabled: true,
          },
        ],
      },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: 'true' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
      Tags: [{ Key: 'team', Value: 'payments' }],
    });
    const reopened = new S3Service({ dataDir, clock: new VirtualClock(0) });
    // Assess
    expect(reopened.getBucketEncryption('kept')).toEqual([
      { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/k', bucketKeyEnabled: true },
    ]);
    expect(reopened.getPublicAccessBlock('kept')).toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: false,
      blockPublicPolicy: false,
      restrictPublicBuckets: true,
    });
    expect(reopened.getBucketOwnershipControls('kept')).toBe('ObjectWriter');
    expect(reopened.getBucketTagging('kept')).toEqual([{ key: 'team', value: 'payments' }]);
  });

  it('refuses a bad setting naming the property and leaves the stored settings as they were', async () => {
    // Prepare
    const provider = s3BucketProvider(s3);
    const created = { BucketName: 'safe', Tags: [{ Key: 'a', Value: '1' }] };
    await provider.create(ctx, created);
    const update = async (props: Record<string, unknown>) => {
      if (!provider.update) throw new Error('the bucket provider updates in place');
      return provider.update(ctx, 'safe', props, created);
    };
    // Act
    const encryption = update({
      BucketName: 'safe',
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'DES' } }],
      },
    });
    const ownership = update({
      BucketName: 'safe',
      OwnershipControls: { Rules: [{ ObjectOwnership: 'Everyone' }] },
    });
    // Assess
    await expect(encryption).rejects.toThrow(
      'Resources.Archive.Properties.BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm',
    );
    await expect(ownership).rejects.toThrow('OwnershipControls.Rules.0.ObjectOwnership');
    expect(s3.getBucketTagging('safe')).toEqual([{ key: 'a', value: '1' }]);
    expect(s3.getBucketEncryption('safe')).toEqual([{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }]);
  });
});
