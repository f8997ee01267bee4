import type { S3Caller } from '../policy.ts';
import type { OperationHandler } from '../rest-xml/http-message.ts';
import type { S3Context } from '../service.ts';

/**
 * Authorized by s3:PutLifecycleConfiguration, as on AWS.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketLifecycle.html
 */
export function deleteBucketLifecycle(
  ctx: S3Context,
  input: { readonly bucket: string },
  caller: S3Caller,
): void {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:PutLifecycleConfiguration', bucket);
  delete bucket.lifecycle;
  ctx.store.save(bucket);
}

export const deleteBucketLifecycleHandler: OperationHandler = (service, request) => {
  service.deleteBucketLifecycle({ bucket: request.bucket }, request.caller);
  return { status: 204 };
};
