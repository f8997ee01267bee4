import type { S3Caller } from '../policy.ts';
import type { OperationHandler } from '../rest-xml/http-message.ts';
import type { S3Context } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html */
export function deleteBucketPolicy(
  ctx: S3Context,
  input: { readonly bucket: string },
  caller: S3Caller,
): void {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:DeleteBucketPolicy', bucket);
  delete bucket.policy;
  ctx.store.save(bucket);
}

export const deleteBucketPolicyHandler: OperationHandler = (service, request) => {
  service.deleteBucketPolicy({ bucket: request.bucket }, request.caller);
  return { status: 204 };
};
