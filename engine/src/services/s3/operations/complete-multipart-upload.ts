import { createHash } from 'node:crypto';
import { s3Errors } from '../errors.ts';
import type { ObjectVersion } from '../model.ts';
import { findUpload } from '../multipart-uploads.ts';
import type { S3Caller } from '../policy.ts';
import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { childrenNamed, childText, parseXml, toXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';
import { addVersion, nextVersionId } from '../versions.ts';

/**
 * The parts, in ascending order, concatenated into one version whose ETag is the MD5 of the
 * parts' MD5s plus `-<count>`; every part but the last is at least 5 MiB.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html
 */
const MIN_PART_BYTES = 5 * 1024 * 1024;

export interface CompleteMultipartUploadInput {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly parts: readonly { readonly partNumber: number; readonly etag: string }[];
}

export function completeMultipartUpload(
  ctx: S3Context,
  input: CompleteMultipartUploadInput,
  caller: S3Caller,
): { etag: string; versionId?: string } {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:PutObject', bucket, input.key);
  const upload = findUpload(bucket, input.key, input.uploadId);
  if (input.parts.length === 0) throw s3Errors.malformedXml('The XML you provided did not list any parts');
  const chosen = input.parts.map((requested, index) => {
    const previous = input.parts[index - 1];
    if (previous && previous.partNumber >= requested.partNumber) throw s3Errors.invalidPartOrder();
    const part = upload.parts[requested.partNumber];
    // Clients may send the ETag with or without quotes.
    if (!part || part.etag.replace(/"/g, '') !== requested.etag.replace(/"/g, '')) {
      throw s3Errors.invalidPart(`part ${requested.partNumber}`);
    }
    if (index < input.parts.length - 1 && part.size < MIN_PART_BYTES) throw s3Errors.entityTooSmall();
    return part;
  });
  const body = Buffer.concat(chosen.map((part) => ctx.store.readBody(part.bodyFile)));
  const digests = Buffer.concat(chosen.map((part) => Buffer.from(part.etag.replace(/"/g, ''), 'hex')));
  const version: ObjectVersion = {
    versionId: nextVersionId(bucket.versioning),
    deleteMarker: false,
    lastModified: ctx.clock.now(),
    etag: `"${createHash('md5').update(digests).digest('hex')}-${chosen.length}"`,
    size: body.length,
    contentType: upload.contentType ?? 'binary/octet-stream',
    ...(upload.metadata ? { metadata: upload.metadata } : {}),
    bodyFile: ctx.store.writeBody(body),
  };
  bucket.uploads.delete(upload.uploadId);
  ctx.store.replaceVersions(
    bucket,
    input.key,
    addVersion(bucket.objects.get(input.key) ?? [], version, bucket.versioning),
  );
  ctx.store.deleteBodies(Object.values(upload.parts).map((p) => p.bodyFile));
  return {
    etag: version.etag,
    ...(bucket.versioning === 'Unversioned' ? {} : { versionId: version.versionId }),
  };
}

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
