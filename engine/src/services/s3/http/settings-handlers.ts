import { type OperationHandler, xmlResponse } from './types.ts';
import { escapeXml, toXml } from './xml.ts';

/**
 * Bucket-setting getters in S3's REST-XML shapes.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketTagging.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketAcl.html
 */
export const getBucketEncryptionHandler: OperationHandler = (service, request) =>
  xmlResponse(
    toXml('ServerSideEncryptionConfiguration', {
      Rule: service.getBucketEncryption(request.bucket, request.caller).map((rule) => ({
        ApplyServerSideEncryptionByDefault: {
          SSEAlgorithm: rule.sseAlgorithm,
          KMSMasterKeyID: rule.kmsMasterKeyId,
        },
        BucketKeyEnabled: rule.bucketKeyEnabled ?? false,
      })),
    }),
  );

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

export const getBucketOwnershipControlsHandler: OperationHandler = (service, request) =>
  xmlResponse(
    toXml('OwnershipControls', {
      Rule: [{ ObjectOwnership: service.getBucketOwnershipControls(request.bucket, request.caller) }],
    }),
  );

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

/** The grantee carries an `xsi:type` attribute, which the element builder has no form for. */
export const getBucketAclHandler: OperationHandler = (service, request) => {
  const acl = service.getBucketAcl(request.bucket, request.caller);
  const grants = acl.grants
    .map(
      (grant) =>
        '<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">' +
        `<ID>${escapeXml(grant.granteeId)}</ID></Grantee><Permission>${grant.permission}</Permission></Grant>`,
    )
    .join('');
  return xmlResponse(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Owner><ID>${escapeXml(acl.ownerId)}</ID></Owner><AccessControlList>${grants}</AccessControlList>` +
      '</AccessControlPolicy>',
  );
};
