import { createHash } from 'node:crypto';
import { s3Errors } from '../errors.ts';
import { findUpload } from '../multipart-uploads.ts';
import type { S3Caller } from '../policy.ts';
import type { OperationHandler } from '../rest-xml/http-message.ts';
import type { S3Context } from '../service.ts';

/**
 * Part numbers are 1 to 10,000; a part uploaded again replaces the earlier one.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
 */
const MAX_PART_NUMBER = 10_000;

export interface UploadPartInput {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly partNumber: number;
  readonly body: Buffer;
}

export function uploadPart(ctx: S3Context, input: UploadPartInput, caller: S3Caller): { etag: string } {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:PutObject', bucket, input.key);
  const upload = findUpload(bucket, input.key, input.uploadId);
  if (!Number.isInteger(input.partNumber) || input.partNumber < 1 || input.partNumber > MAX_PART_NUMBER) {
    throw s3Errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive');
  }
  const etag = `"${createHash('md5').update(input.body).digest('hex')}"`;
  const replaced = upload.parts[input.partNumber];
  upload.parts[input.partNumber] = {
    etag,
    size: input.body.length,
    bodyFile: ctx.store.writeBody(input.body),
  };
  ctx.store.save(bucket);
  if (replaced) ctx.store.deleteBodies([replaced.bodyFile]);
  return { etag };
}

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
