import type { S3Context } from '../context.ts';
import { type CorsRule, checkCorsRules } from '../cors-rules.ts';
import { s3Errors } from '../errors.ts';
import type { S3Caller } from '../policy.ts';

/**
 * The bucket's CORS configuration: PutBucketCors replaces it as a whole after S3's checks (a
 * refused document leaves the stored rules as they were), GetBucketCors answers
 * NoSuchCORSConfiguration when there is none, DeleteBucketCors succeeds either way.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketCors.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketCors.html
 */
export interface PutBucketCorsInput {
  readonly bucket: string;
  readonly rules: readonly CorsRule[];
}

export function putBucketCors(ctx: S3Context, input: PutBucketCorsInput, caller: S3Caller): void {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:PutBucketCORS', bucket);
  checkCorsRules(input.rules);
  const previous = bucket.cors;
  bucket.cors = input.rules;
  try {
    ctx.store.save(bucket);
  } catch (error) {
    bucket.cors = previous;
    throw error;
  }
}

export function getBucketCors(
  ctx: S3Context,
  input: { readonly bucket: string },
  caller: S3Caller,
): readonly CorsRule[] {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:GetBucketCORS', bucket);
  if (!bucket.cors) throw s3Errors.noSuchCorsConfiguration();
  return bucket.cors;
}

/** DeleteBucketCors is authorized by s3:PutBucketCORS, as on AWS. */
export function deleteBucketCors(ctx: S3Context, input: { readonly bucket: string }, caller: S3Caller): void {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:PutBucketCORS', bucket);
  if (bucket.cors === undefined) return;
  const previous = bucket.cors;
  delete bucket.cors;
  try {
    ctx.store.save(bucket);
  } catch (error) {
    bucket.cors = previous;
    throw error;
  }
}

/**
 * What a preflight needs, read without a caller: S3 answers preflights before (and without)
 * authentication. `exists` false: no such bucket.
 */
export function corsOfBucket(
  ctx: S3Context,
  name: string,
): { readonly exists: boolean; readonly rules?: readonly CorsRule[] } {
  const bucket = ctx.store.find(name);
  if (!bucket) return { exists: false };
  return bucket.cors ? { exists: true, rules: bucket.cors } : { exists: true };
}
