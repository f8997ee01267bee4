import { createHash, randomBytes } from 'node:crypto';
import type { S3Context } from '../context.ts';
import { s3Errors } from '../errors.ts';
import type { BucketState, MultipartUpload, ObjectVersion } from '../model.ts';
import type { S3Caller } from '../policy.ts';
import { addVersion, nextVersionId } from '../versions.ts';
import { checkKey } from './object-key.ts';

/**
 * Multipart uploads: create, upload parts, complete (parts concatenated into one version whose
 * ETag is the MD5 of the parts' MD5s plus `-<count>`), abort.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html (part numbers 1–10,000, 5 MiB minimum but last)
 */
const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10_000;

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

function findUpload(bucket: BucketState, key: string, uploadId: string): MultipartUpload {
  const upload = bucket.uploads.get(uploadId);
  if (!upload || upload.key !== key) throw s3Errors.noSuchUpload(uploadId);
  return upload;
}

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

/** Forgets an upload and its parts (abort, lifecycle AbortIncompleteMultipartUpload). */
export function discardUpload(store: S3Context['store'], bucket: BucketState, upload: MultipartUpload): void {
  bucket.uploads.delete(upload.uploadId);
  store.save(bucket);
  store.deleteBodies(Object.values(upload.parts).map((p) => p.bodyFile));
}
