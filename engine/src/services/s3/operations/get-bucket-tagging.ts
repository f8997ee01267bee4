import { settingsOf } from '../bucket-settings.ts';
import { s3Errors } from '../errors.ts';
import type { S3Caller } from '../policy.ts';
import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { toXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketTagging.html — NoSuchTagSet without tags. */
export function getBucketTagging(
  ctx: S3Context,
  bucket: string,
  caller: S3Caller,
): readonly { readonly key: string; readonly value: string }[] {
  const tags = settingsOf(ctx, bucket, caller, 's3:GetBucketTagging').tags;
  if (!tags || tags.length === 0) throw s3Errors.noSuchTagSet();
  return tags;
}

export const getBucketTaggingHandler: OperationHandler = (service, request) =>
  xmlResponse(
    toXml('Tagging', {
      TagSet: {
        Tag: service
          .getBucketTagging(request.bucket, request.caller)
          .map((t) => ({ Key: t.key, Value: t.value })),
      },
    }),
  );
