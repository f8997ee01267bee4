import { createHash } from 'node:crypto';
import type { S3Context } from '../context.ts';
import { s3Errors } from '../errors.ts';
import type { BucketSettings, EncryptionRule, PublicAccessBlock } from '../model.ts';
import type { S3Caller } from '../policy.ts';

/**
 * The bucket settings a template declares and S3 reports back: encryption, public access block,
 * object ownership, tags, and the ACL those imply. The defaults are what S3 gives a bucket created
 * without them (sources in ../AWS-FACTS.md): SSE-S3 encryption since January 2023, every public
 * access block on and `BucketOwnerEnforced` since April 2023.
 */
const DEFAULT_ENCRYPTION: readonly EncryptionRule[] = [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }];
const DEFAULT_PUBLIC_ACCESS_BLOCK: PublicAccessBlock = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};
const DEFAULT_OBJECT_OWNERSHIP = 'BucketOwnerEnforced';

/** Replaces the stored settings (CloudFormation create and update set them as a whole). */
export function putBucketSettings(
  ctx: S3Context,
  input: { readonly bucket: string; readonly settings: BucketSettings },
  caller: S3Caller,
): void {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:PutEncryptionConfiguration', bucket);
  bucket.settings = input.settings;
  ctx.store.save(bucket);
}

const settingsOf = (ctx: S3Context, name: string, caller: S3Caller, action: string): BucketSettings => {
  const bucket = ctx.store.get(name);
  ctx.authorize(caller, action, bucket);
  return bucket.settings ?? {};
};

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html */
export const getBucketEncryption = (
  ctx: S3Context,
  bucket: string,
  caller: S3Caller,
): readonly EncryptionRule[] =>
  settingsOf(ctx, bucket, caller, 's3:GetEncryptionConfiguration').encryption ?? DEFAULT_ENCRYPTION;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html */
export const getPublicAccessBlock = (ctx: S3Context, bucket: string, caller: S3Caller): PublicAccessBlock =>
  settingsOf(ctx, bucket, caller, 's3:GetBucketPublicAccessBlock').publicAccessBlock ??
  DEFAULT_PUBLIC_ACCESS_BLOCK;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html */
export const getBucketOwnershipControls = (ctx: S3Context, bucket: string, caller: S3Caller): string =>
  settingsOf(ctx, bucket, caller, 's3:GetBucketOwnershipControls').objectOwnership ??
  DEFAULT_OBJECT_OWNERSHIP;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketTagging.html — NoSuchTagSet without tags. */
export function getBucketTagging(
  ctx: S3Context,
  bucket: string,
  caller: S3Caller,
): readonly { readonly key: string; readonly value: string }[] {
  const tags = settingsOf(ctx, bucket, caller, 's3:GetBucketTagging').tags;
  if (!tags || tags.length === 0) throw s3Errors.noSuchTagSet();
  return tags;
}

export interface BucketAcl {
  readonly ownerId: string;
  readonly grants: readonly { readonly granteeId: string; readonly permission: 'FULL_CONTROL' }[];
}

/** The account's canonical user id: a stable 64-hex-digit string, as S3's are. */
export const canonicalUserId = (accountId: string): string =>
  createHash('sha256').update(`tapstack-canonical-user:${accountId}`).digest('hex');

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketAcl.html — ACLs are not emulated,
 * so every bucket has the private ACL: the owner alone with FULL_CONTROL (with
 * `BucketOwnerEnforced` S3 reports exactly that, whatever ACL was set before).
 */
export function getBucketAcl(ctx: S3Context, bucket: string, caller: S3Caller): BucketAcl {
  settingsOf(ctx, bucket, caller, 's3:GetBucketAcl');
  const ownerId = canonicalUserId(ctx.account.accountId);
  return { ownerId, grants: [{ granteeId: ownerId, permission: 'FULL_CONTROL' }] };
}
