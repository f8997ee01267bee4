import { s3Errors } from '../errors.ts';
import type { VersioningStatus } from '../model.ts';
import type { S3Caller } from '../policy.ts';
import { bodyText, type OperationHandler } from '../rest-xml/http-message.ts';
import { childText, parseXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html */
export interface PutBucketVersioningInput {
  readonly bucket: string;
  readonly status: string;
}

const ALLOWED_STATUSES: readonly string[] = ['Enabled', 'Suspended'];

export function putBucketVersioning(ctx: S3Context, input: PutBucketVersioningInput, caller: S3Caller): void {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:PutBucketVersioning', bucket);
  if (!ALLOWED_STATUSES.includes(input.status))
    throw s3Errors.malformedXml(`Status must be Enabled or Suspended`);
  bucket.versioning = input.status as VersioningStatus;
  ctx.store.save(bucket);
}

export const putBucketVersioningHandler: OperationHandler = (service, request) => {
  const config = parseXml(bodyText(request));
  if (config.name !== 'VersioningConfiguration')
    throw s3Errors.malformedXml('expected <VersioningConfiguration>');
  if (childText(config, 'MfaDelete') === 'Enabled') throw s3Errors.notImplemented('MFA delete');
  service.putBucketVersioning(
    { bucket: request.bucket, status: childText(config, 'Status') ?? '' },
    request.caller,
  );
  return { status: 200 };
};
