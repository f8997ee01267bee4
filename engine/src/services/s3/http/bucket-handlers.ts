import { createHash } from 'node:crypto';
import { s3Errors } from '../errors.ts';
import type { S3Service } from '../service.ts';
import { lifecycleToXml, parseLifecycle } from './lifecycle-xml.ts';
import { isoDate, type OperationHandler, type S3HttpRequest, xmlResponse } from './types.ts';
import { childText, escapeXml, parseXml, toXml } from './xml.ts';

/** Bucket-level REST operations. https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html */

/** A stable canonical user id for the account (S3 shows 64 hex characters). */
export const ownerOf = (service: S3Service): { ID: string; DisplayName: string } => ({
  ID: createHash('sha256').update(service.account.accountId).digest('hex'),
  DisplayName: 'tapstack',
});

const bodyText = (request: S3HttpRequest): string => request.body.toString('utf8');

export const listBuckets: OperationHandler = (service) =>
  xmlResponse(
    toXml('ListAllMyBucketsResult', {
      Owner: ownerOf(service),
      Buckets: {
        Bucket: service.listBuckets().map((b) => ({ Name: b.name, CreationDate: isoDate(b.createdAt) })),
      },
    }),
  );

export const createBucketHandler: OperationHandler = (service, request) => {
  let region: string | undefined;
  if (request.body.length > 0) {
    const config = parseXml(bodyText(request));
    region = childText(config, 'LocationConstraint') || undefined;
  }
  const { location } = service.createBucket({ bucket: request.bucket, ...(region ? { region } : {}) });
  return { status: 200, headers: { location } };
};

export const deleteBucketHandler: OperationHandler = (service, request) => {
  service.deleteBucket({ bucket: request.bucket }, request.caller);
  return { status: 204 };
};

export const headBucket: OperationHandler = (service, request) => ({
  status: 200,
  headers: { 'x-amz-bucket-region': service.bucketRegion(request.bucket, request.caller) },
});

export const getBucketLocation: OperationHandler = (service, request) => {
  const region = service.bucketRegion(request.bucket, request.caller);
  // us-east-1 is reported as an empty LocationConstraint, for historical reasons.
  const text = region === 'us-east-1' ? '' : escapeXml(region);
  return xmlResponse(
    `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${text}</LocationConstraint>`,
  );
};

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

export const getBucketVersioningHandler: OperationHandler = (service, request) => {
  const { status } = service.getBucketVersioning({ bucket: request.bucket }, request.caller);
  return xmlResponse(toXml('VersioningConfiguration', { Status: status }));
};

export const putBucketLifecycleHandler: OperationHandler = (service, request) => {
  service.putBucketLifecycle(
    { bucket: request.bucket, rules: parseLifecycle(parseXml(bodyText(request))) },
    request.caller,
  );
  return { status: 200 };
};

export const getBucketLifecycleHandler: OperationHandler = (service, request) =>
  xmlResponse(
    toXml(
      'LifecycleConfiguration',
      lifecycleToXml(service.getBucketLifecycle({ bucket: request.bucket }, request.caller)),
    ),
  );

export const deleteBucketLifecycleHandler: OperationHandler = (service, request) => {
  service.deleteBucketLifecycle({ bucket: request.bucket }, request.caller);
  return { status: 204 };
};

export const putBucketPolicyHandler: OperationHandler = (service, request) => {
  service.putBucketPolicy({ bucket: request.bucket, policy: bodyText(request) }, request.caller);
  return { status: 204 };
};

export const getBucketPolicyHandler: OperationHandler = (service, request) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: service.getBucketPolicy({ bucket: request.bucket }, request.caller),
});

export const deleteBucketPolicyHandler: OperationHandler = (service, request) => {
  service.deleteBucketPolicy({ bucket: request.bucket }, request.caller);
  return { status: 204 };
};
