import type { S3Caller } from '../policy.ts';
import type { OperationHandler } from '../rest-xml/http-message.ts';
import type { S3Context } from '../service.ts';

/**
 * Authorized by s3:PutBucketCORS, as on AWS; succeeds whether or not the bucket has a configuration.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketCors.html
 */
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

export const deleteBucketCorsHandler: OperationHandler = (service, request) => {
  service.deleteBucketCors({ bucket: request.bucket }, request.caller);
  return { status: 204 };
};
