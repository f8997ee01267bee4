import type { BucketSettings, EncryptionRule, PublicAccessBlock } from './model.ts';
import type { S3Caller } from './policy.ts';
import type { S3Context } from './service.ts';

/**
 * The bucket settings a template declares and S3 reports back: encryption, public access block,
 * object ownership, tags, and the ACL those imply. The defaults are what S3 gives a bucket created
 * without them (sources in AWS-FACTS.md): SSE-S3 encryption since January 2023, every public
 * access block on and `BucketOwnerEnforced` since April 2023.
 */
export const DEFAULT_ENCRYPTION: readonly EncryptionRule[] = [
  { sseAlgorithm: 'AES256', bucketKeyEnabled: false },
];

export const DEFAULT_PUBLIC_ACCESS_BLOCK: PublicAccessBlock = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

export const DEFAULT_OBJECT_OWNERSHIP = 'BucketOwnerEnforced';

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

/** The bucket's stored settings, after the bucket policy allows `action` to `caller`. */
export const settingsOf = (
  ctx: S3Context,
  name: string,
  caller: S3Caller,
  action: string,
): BucketSettings => {
  const bucket = ctx.store.get(name);
  ctx.authorize(caller, action, bucket);
  return bucket.settings ?? {};
};
