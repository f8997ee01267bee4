import { s3Errors } from '../errors.ts';
import type { S3Caller } from '../policy.ts';
import { header, isoDate, type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { userMetadata } from '../rest-xml/object-headers.ts';
import { toXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';
import { getObject } from './get-object.ts';
import { putObject } from './put-object.ts';

/**
 * CopyObject: a new version of the destination key with the source's body, and the source's
 * metadata (`COPY`, the default) or the request's (`REPLACE`). Reading the source needs
 * s3:GetObject on it, writing needs s3:PutObject on the destination.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 */
export interface CopyObjectInput {
  readonly sourceBucket: string;
  readonly sourceKey: string;
  readonly sourceVersionId?: string;
  readonly bucket: string;
  readonly key: string;
  readonly metadataDirective?: string;
  /** With `REPLACE`: the new content type and user metadata. */
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface CopyObjectOutput {
  readonly etag: string;
  readonly lastModified: number;
  /** The new version's id when the destination bucket is versioned. */
  readonly versionId?: string;
  /** The source version's id when the source bucket is versioned. */
  readonly sourceVersionId?: string;
}

/**
 * `x-amz-copy-source`: `bucket/key` or `/bucket/key`, URL-encoded, with an optional
 * `?versionId=`. Returns undefined when it names no key.
 */
export function parseCopySource(
  header: string,
): { bucket: string; key: string; versionId?: string } | undefined {
  const [path = '', query = ''] = header.split('?', 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/^\//, ''));
  } catch {
    return undefined;
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) return undefined;
  const versionId = new URLSearchParams(query).get('versionId') ?? undefined;
  return {
    bucket: decoded.slice(0, slash),
    key: decoded.slice(slash + 1),
    ...(versionId === undefined ? {} : { versionId }),
  };
}

export function copyObject(ctx: S3Context, input: CopyObjectInput, caller: S3Caller): CopyObjectOutput {
  const directive = input.metadataDirective ?? 'COPY';
  if (directive !== 'COPY' && directive !== 'REPLACE')
    throw s3Errors.invalidArgument(`Unknown metadata directive: ${directive}`);
  const destination = ctx.store.get(input.bucket);
  const sameObject =
    input.sourceBucket === input.bucket &&
    input.sourceKey === input.key &&
    input.sourceVersionId === undefined;
  // S3 refuses a copy onto itself that changes nothing (REPLACE is how metadata is rewritten).
  if (sameObject && directive === 'COPY') throw s3Errors.invalidCopyToItself();
  const source = getObject(
    ctx,
    {
      bucket: input.sourceBucket,
      key: input.sourceKey,
      ...(input.sourceVersionId === undefined ? {} : { versionId: input.sourceVersionId }),
    },
    caller,
  );
  const replace = directive === 'REPLACE';
  const contentType = replace ? input.contentType : source.version.contentType;
  const metadata = replace ? input.metadata : source.version.metadata;
  const written = putObject(
    ctx,
    {
      bucket: input.bucket,
      key: input.key,
      body: source.body,
      ...(contentType === undefined ? {} : { contentType }),
      ...(metadata === undefined ? {} : { metadata }),
    },
    caller,
  );
  const current = destination.objects.get(input.key)?.[0];
  return {
    etag: written.etag,
    lastModified: current?.lastModified ?? ctx.clock.now(),
    ...(written.versionId === undefined ? {} : { versionId: written.versionId }),
    ...(source.versioned ? { sourceVersionId: source.version.versionId } : {}),
  };
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html */
export const copyObjectHandler: OperationHandler = (service, request) => {
  const sourceHeader = header(request, 'x-amz-copy-source') ?? '';
  const source = parseCopySource(sourceHeader);
  if (!source) throw s3Errors.invalidArgument(`Invalid copy source object key: ${sourceHeader}`);
  const directive = header(request, 'x-amz-metadata-directive');
  const contentType = header(request, 'content-type');
  const result = service.copyObject(
    {
      sourceBucket: source.bucket,
      sourceKey: source.key,
      ...(source.versionId === undefined ? {} : { sourceVersionId: source.versionId }),
      bucket: request.bucket,
      key: request.key,
      metadata: userMetadata(request),
      ...(directive === undefined ? {} : { metadataDirective: directive.toUpperCase() }),
      ...(contentType === undefined ? {} : { contentType }),
    },
    request.caller,
  );
  const response = xmlResponse(
    toXml('CopyObjectResult', { LastModified: isoDate(result.lastModified), ETag: result.etag }),
  );
  return {
    ...response,
    headers: {
      ...response.headers,
      ...(result.versionId === undefined ? {} : { 'x-amz-version-id': result.versionId }),
      ...(result.sourceVersionId === undefined
        ? {}
        : { 'x-amz-copy-source-version-id': result.sourceVersionId }),
    },
  };
};
