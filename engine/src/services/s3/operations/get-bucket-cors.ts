import type { CorsRule } from '../cors-rules.ts';
import { s3Errors } from '../errors.ts';
import type { S3Caller } from '../policy.ts';
import { corsConfigurationToXml } from '../rest-xml/cors-xml.ts';
import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import type { S3Context } from '../service.ts';

/**
 * NoSuchCORSConfiguration when the bucket has none.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketCors.html
 */
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

export const getBucketCorsHandler: OperationHandler = (service, request) =>
  xmlResponse(corsConfigurationToXml(service.getBucketCors({ bucket: request.bucket }, request.caller)));

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
