import type { S3Caller } from '../policy.ts';
import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { toXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

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

export const getBucketVersioningHandler: OperationHandler = (service, request) => {
  const { status } = service.getBucketVersioning({ bucket: request.bucket }, request.caller);
  return xmlResponse(toXml('VersioningConfiguration', { Status: status }));
};
