import { createHash } from 'node:crypto';
import { s3Errors } from '../errors.ts';
import type { ObjectVersion } from '../model.ts';
import { checkKey } from '../object-key.ts';
import type { S3Caller } from '../policy.ts';
import { header, type OperationHandler } from '../rest-xml/http-message.ts';
import { userMetadata, versionHeader } from '../rest-xml/object-headers.ts';
import type { S3Context } from '../service.ts';
import { addVersion, nextVersionId } from '../versions.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html */
export interface PutObjectInput {
  readonly bucket: string;
  readonly key: string;
  readonly body: Buffer;
  /** A body already streamed to disk (rest-xml/stream-body.ts); used instead of `body` when present. */
  readonly staged?: { readonly path: string; readonly size: number; readonly md5: Buffer };
  readonly contentType?: string;
  /** `x-amz-meta-*` values by lower-case name without the prefix. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Base64 MD5 the caller computed (`Content-MD5`); a mismatch is BadDigest. */
  readonly contentMd5?: string;
}

export interface PutObjectOutput {
  /** Quoted MD5 hex, as S3 returns it. */
  readonly etag: string;
  /** Present when the bucket is versioned (`null` while suspended). */
  readonly versionId?: string;
}

export function putObject(ctx: S3Context, input: PutObjectInput, caller: S3Caller): PutObjectOutput {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:PutObject', bucket, input.key);
  checkKey(input.key);
  const md5 = input.staged?.md5 ?? createHash('md5').update(input.body).digest();
  if (input.contentMd5 !== undefined) {
    if (Buffer.from(input.contentMd5, 'base64').length !== 16) throw s3Errors.invalidDigest();
    if (md5.toString('base64') !== input.contentMd5) throw s3Errors.badDigest();
  }
  const version: ObjectVersion = {
    versionId: nextVersionId(bucket.versioning),
    deleteMarker: false,
    lastModified: ctx.clock.now(),
    etag: `"${md5.toString('hex')}"`,
    size: input.staged?.size ?? input.body.length,
    contentType: input.contentType ?? 'binary/octet-stream',
    ...(input.metadata && Object.keys(input.metadata).length > 0 ? { metadata: input.metadata } : {}),
    bodyFile: input.staged ? ctx.store.adoptBody(input.staged.path) : ctx.store.writeBody(input.body),
  };
  const change = addVersion(bucket.objects.get(input.key) ?? [], version, bucket.versioning);
  try {
    ctx.store.replaceVersions(bucket, input.key, change);
  } catch (error) {
    // The bucket state could not be saved: the new body is referenced by nothing.
    if (version.bodyFile) ctx.store.deleteBodies([version.bodyFile]);
    throw error;
  }
  return {
    etag: version.etag,
    ...(bucket.versioning === 'Unversioned' ? {} : { versionId: version.versionId }),
  };
}

export const putObjectHandler: OperationHandler = (service, request) => {
  const contentType = header(request, 'content-type');
  const contentMd5 = header(request, 'content-md5');
  const result = service.putObject(
    {
      bucket: request.bucket,
      key: request.key,
      body: request.body,
      ...(request.staged ? { staged: request.staged } : {}),
      metadata: userMetadata(request),
      ...(contentType === undefined ? {} : { contentType }),
      ...(contentMd5 === undefined ? {} : { contentMd5 }),
    },
    request.caller,
  );
  return { status: 200, headers: { etag: result.etag, ...versionHeader(true, result.versionId) } };
};
