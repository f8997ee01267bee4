import { s3Errors } from '../errors.ts';
import type { S3Caller } from '../policy.ts';
import type { OperationHandler } from '../rest-xml/http-message.ts';
import type { S3Context } from '../service.ts';

/**
 * The policy as the JSON text it was stored as; NoSuchBucketPolicy when there is none.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html
 */
export function getBucketPolicy(
  ctx: S3Context,
  input: { readonly bucket: string },
  caller: S3Caller,
): string {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:GetBucketPolicy', bucket);
  if (bucket.policy === undefined) throw s3Errors.noSuchBucketPolicy();
  return bucket.policy;
}

export const getBucketPolicyHandler: OperationHandler = (service, request) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: service.getBucketPolicy({ bucket: request.bucket }, request.caller),
});
