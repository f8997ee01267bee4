import { type CorsRule, checkCorsRules } from '../cors-rules.ts';
import type { S3Caller } from '../policy.ts';
import { parseCorsConfiguration } from '../rest-xml/cors-xml.ts';
import type { OperationHandler } from '../rest-xml/http-message.ts';
import { parseXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

/**
 * PutBucketCors replaces the bucket's CORS configuration as a whole after S3's checks (a refused
 * document leaves the stored rules as they were).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html
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

export const putBucketCorsHandler: OperationHandler = (service, request) => {
  const rules = parseCorsConfiguration(parseXml(request.body.toString('utf8')));
  service.putBucketCors({ bucket: request.bucket, rules }, request.caller);
  return { status: 200 };
};
