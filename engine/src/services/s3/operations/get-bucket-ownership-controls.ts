import { DEFAULT_OBJECT_OWNERSHIP, settingsOf } from '../bucket-settings.ts';
import type { S3Caller } from '../policy.ts';
import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { toXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html */
export const getBucketOwnershipControls = (ctx: S3Context, bucket: string, caller: S3Caller): string =>
  settingsOf(ctx, bucket, caller, 's3:GetBucketOwnershipControls').objectOwnership ??
  DEFAULT_OBJECT_OWNERSHIP;

export const getBucketOwnershipControlsHandler: OperationHandler = (service, request) =>
  xmlResponse(
    toXml('OwnershipControls', {
      Rule: [{ ObjectOwnership: service.getBucketOwnershipControls(request.bucket, request.caller) }],
    }),
  );
