import { randomBytes } from 'node:crypto';
import type { MultipartUpload } from '../model.ts';
import { checkKey } from '../object-key.ts';
import type { S3Caller } from '../policy.ts';
import { header, type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { userMetadata } from '../rest-xml/object-headers.ts';
import { toXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

/**
 * Starts a multipart upload (its parts are kept until Complete, Abort, or a lifecycle
 * AbortIncompleteMultipartUpload rule).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
 */
export interface CreateMultipartUploadInput {
  readonly bucket: string;
  readonly key: string;
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export function createMultipartUpload(
  ctx: S3Context,
  input: CreateMultipartUploadInput,
  caller: S3Caller,
): { uploadId: string } {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:PutObject', bucket, input.key);
  checkKey(input.key);
  const upload: MultipartUpload = {
    uploadId: randomBytes(30).toString('base64url'),
    key: input.key,
    initiatedAt: ctx.clock.now(),
    ...(input.contentType === undefined ? {} : { contentType: input.contentType }),
    ...(input.metadata && Object.keys(input.metadata).length > 0 ? { metadata: input.metadata } : {}),
    parts: {},
  };
  bucket.uploads.set(upload.uploadId, upload);
  ctx.store.save(bucket);
  return { uploadId: upload.uploadId };
}

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
