import type { S3Context } from '../context.ts';
import { s3Errors } from '../errors.ts';
import type { VersioningStatus } from '../model.ts';
import type { S3Caller } from '../policy.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html */
export interface PutBucketVersioningInput {
  readonly bucket: string;
  readonly status: string;
}

const ALLOWED_STATUSES: readonly string[] = ['Enabled', 'Suspended'];

export function putBucketVersioning(ctx: S3Context, input: PutBucketVersioningInput, caller: S3Caller): void {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:PutBucketVersioning', bucket);
  if (!ALLOWED_STATUSES.includes(input.status))
    throw s3Errors.malformedXml(`Status must be Enabled or Suspended`);
  bucket.versioning = input.status as VersioningStatus;
  ctx.store.save(bucket);
}

/** `Unversioned` buckets report no status. https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html */
export function getBucketVersioning(
  ctx: S3Context,
  input: { readonly bucket: string },
  caller: S3Caller,
): { readonly status?: 'Enabled' | 'Suspended' } {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:GetBucketVersioning', bucket);
  return bucket.versioning === 'Unversioned' ? {} : { status: bucket.versioning };
}
