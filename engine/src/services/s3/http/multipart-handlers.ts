import { s3Errors } from '../errors.ts';
import { userMetadata } from './object-handlers.ts';
import { header, type OperationHandler, xmlResponse } from './types.ts';
import { childrenNamed, childText, parseXml, toXml } from './xml.ts';

/**
 * Multipart upload REST operations.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html
 */
export const createMultipartUploadHandler: OperationHandler = (service, request) => {
  const contentType = header(request, 'content-type');
  const { uploadId } = service.createMultipartUpload(
    {
      bucket: request.bucket,
      key: request.key,
      metadata: userMetadata(request),
      ...(contentType === undefined ? {} : { contentType }),
    },
    request.caller,
  );
  return xmlResponse(
    toXml('InitiateMultipartUploadResult', { Bucket: request.bucket, Key: request.key, UploadId: uploadId }),
  );
};

export const uploadPartHandler: OperationHandler = (service, request) => {
  const partNumber = Number(request.query.get('partNumber'));
  const { etag } = service.uploadPart(
    {
      bucket: request.bucket,
      key: request.key,
      uploadId: request.query.get('uploadId') ?? '',
      partNumber,
      body: request.body,
    },
    request.caller,
  );
  return { status: 200, headers: { etag } };
};

export const completeMultipartUploadHandler: OperationHandler = (service, request) => {
  const document = parseXml(request.body.toString('utf8'));
  if (document.name !== 'CompleteMultipartUpload')
    throw s3Errors.malformedXml('expected <CompleteMultipartUpload>');
  const parts = childrenNamed(document, 'Part').map((part) => ({
    partNumber: Number(childText(part, 'PartNumber')),
    etag: childText(part, 'ETag') ?? '',
  }));
  const result = service.completeMultipartUpload(
    { bucket: request.bucket, key: request.key, uploadId: request.query.get('uploadId') ?? '', parts },
    request.caller,
  );
  const response = xmlResponse(
    toXml('CompleteMultipartUploadResult', {
      Location: `/${request.bucket}/${encodeURIComponent(request.key)}`,
      Bucket: request.bucket,
      Key: request.key,
      ETag: result.etag,
    }),
  );
  return result.versionId === undefined
    ? response
    : { ...response, headers: { ...response.headers, 'x-amz-version-id': result.versionId } };
};

export const abortMultipartUploadHandler: OperationHandler = (service, request) => {
  service.abortMultipartUpload(
    { bucket: request.bucket, key: request.key, uploadId: request.query.get('uploadId') ?? '' },
    request.caller,
  );
  return { status: 204 };
};
