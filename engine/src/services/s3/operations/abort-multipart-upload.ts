import { discardUpload, findUpload } from '../multipart-uploads.ts';
import type { S3Caller } from '../policy.ts';
import type { OperationHandler } from '../rest-xml/http-message.ts';
import type { S3Context } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html */
export function abortMultipartUpload(
  ctx: S3Context,
  input: { readonly bucket: string; readonly key: string; readonly uploadId: string },
  caller: S3Caller,
): void {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:AbortMultipartUpload', bucket, input.key);
  const upload = findUpload(bucket, input.key, input.uploadId);
  discardUpload(ctx.store, bucket, upload);
}

export const abortMultipartUploadHandler: OperationHandler = (service, request) => {
  service.abortMultipartUpload(
    { bucket: request.bucket, key: request.key, uploadId: request.query.get('uploadId') ?? '' },
    request.caller,
  );
  return { status: 204 };
};
