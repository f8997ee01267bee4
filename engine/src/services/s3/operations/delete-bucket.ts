import { s3Errors } from '../errors.ts';
import type { S3Caller } from '../policy.ts';
import type { OperationHandler } from '../rest-xml/http-message.ts';
import type { S3Context } from '../service.ts';

/**
 * Refuses while any version or delete marker remains, as S3 does.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html
 */
export function deleteBucket(ctx: S3Context, input: { readonly bucket: string }, caller: S3Caller): void {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:DeleteBucket', bucket);
  if (bucket.objects.size > 0) throw s3Errors.bucketNotEmpty(input.bucket);
  ctx.store.deleteBodies(
    [...bucket.uploads.values()].flatMap((u) => Object.values(u.parts).map((p) => p.bodyFile)),
  );
  ctx.store.remove(input.bucket);
}

export const deleteBucketHandler: OperationHandler = (service, request) => {
  service.deleteBucket({ bucket: request.bucket }, request.caller);
  return { status: 204 };
};
