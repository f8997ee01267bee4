import { s3Errors } from '../errors.ts';
import type { LifecycleRule } from '../model.ts';
import type { S3Caller } from '../policy.ts';
import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { lifecycleToXml } from '../rest-xml/lifecycle-xml.ts';
import { toXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

/**
 * NoSuchLifecycleConfiguration when the bucket has no rules.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLifecycleConfiguration.html
 */
export function getBucketLifecycle(
  ctx: S3Context,
  input: { readonly bucket: string },
  caller: S3Caller,
): readonly LifecycleRule[] {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:GetLifecycleConfiguration', bucket);
  if (!bucket.lifecycle) throw s3Errors.noSuchLifecycleConfiguration();
  return bucket.lifecycle;
}

export const getBucketLifecycleConfigurationHandler: OperationHandler = (service, request) =>
  xmlResponse(
    toXml(
      'LifecycleConfiguration',
      lifecycleToXml(service.getBucketLifecycle({ bucket: request.bucket }, request.caller)),
    ),
  );
