import type { S3Caller } from '../policy.ts';
import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { escapeXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

/** The bucket's Region (GetBucketLocation, HeadBucket); NoSuchBucket when absent. */
export function bucketRegion(ctx: S3Context, bucket: string, caller: S3Caller): string {
  const state = ctx.store.get(bucket);
  ctx.authorize(caller, 's3:GetBucketLocation', state);
  return state.region;
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html */
export const getBucketLocationHandler: OperationHandler = (service, request) => {
  const region = service.bucketRegion(request.bucket, request.caller);
  // us-east-1 is reported as an empty LocationConstraint, for historical reasons.
  const text = region === 'us-east-1' ? '' : escapeXml(region);
  return xmlResponse(
    `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${text}</LocationConstraint>`,
  );
};
