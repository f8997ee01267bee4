import { bucketNameProblem } from '../bucket-name.ts';
import { s3Errors } from '../errors.ts';
import { bodyText, type OperationHandler } from '../rest-xml/http-message.ts';
import { childText, parseXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html */
export interface CreateBucketInput {
  readonly bucket: string;
  /** `CreateBucketConfiguration.LocationConstraint`; the account's Region when absent. */
  readonly region?: string;
}

export function createBucket(ctx: S3Context, input: CreateBucketInput): { readonly location: string } {
  const problem = bucketNameProblem(input.bucket);
  if (problem) throw s3Errors.invalidBucketName(input.bucket, problem);
  if (ctx.store.find(input.bucket)) throw s3Errors.bucketAlreadyOwnedByYou(input.bucket);
  ctx.store.add({
    name: input.bucket,
    createdAt: ctx.clock.now(),
    region: input.region ?? ctx.account.region,
    versioning: 'Unversioned',
    objects: new Map(),
    uploads: new Map(),
  });
  return { location: `/${input.bucket}` };
}

export const createBucketHandler: OperationHandler = (service, request) => {
  let region: string | undefined;
  if (request.body.length > 0) {
    const config = parseXml(bodyText(request));
    region = childText(config, 'LocationConstraint') || undefined;
  }
  const { location } = service.createBucket({ bucket: request.bucket, ...(region ? { region } : {}) });
  return { status: 200, headers: { location } };
};
