import { DEFAULT_PUBLIC_ACCESS_BLOCK, settingsOf } from '../bucket-settings.ts';
import type { PublicAccessBlock } from '../model.ts';
import type { S3Caller } from '../policy.ts';
import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { toXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html */
export const getPublicAccessBlock = (ctx: S3Context, bucket: string, caller: S3Caller): PublicAccessBlock =>
  settingsOf(ctx, bucket, caller, 's3:GetBucketPublicAccessBlock').publicAccessBlock ??
  DEFAULT_PUBLIC_ACCESS_BLOCK;

export const getPublicAccessBlockHandler: OperationHandler = (service, request) => {
  const block = service.getPublicAccessBlock(request.bucket, request.caller);
  return xmlResponse(
    toXml('PublicAccessBlockConfiguration', {
      BlockPublicAcls: block.blockPublicAcls,
      IgnorePublicAcls: block.ignorePublicAcls,
      BlockPublicPolicy: block.blockPublicPolicy,
      RestrictPublicBuckets: block.restrictPublicBuckets,
    }),
  );
};
