import type { ObjectVersion } from '../model.ts';
import type { GetObjectInput } from '../operations/head-object.ts';
import type { S3HttpRequest } from './http-message.ts';

/**
 * The object headers S3's object operations read and answer: user metadata (`x-amz-meta-*`), the
 * version id, and the stored object's headers.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
 */
const USER_METADATA = 'x-amz-meta-';

/** The request's user metadata, names without the `x-amz-meta-` prefix. */
export function userMetadata(request: S3HttpRequest): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith(USER_METADATA) && typeof value === 'string')
      metadata[name.slice(USER_METADATA.length)] = value;
  }
  return metadata;
}

export const versionHeader = (versioned: boolean, versionId: string | undefined): Record<string, string> =>
  versioned && versionId !== undefined ? { 'x-amz-version-id': versionId } : {};

export function objectHeaders(version: ObjectVersion, versioned: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': version.contentType ?? 'binary/octet-stream',
    'content-length': String(version.size),
    etag: version.etag,
    'last-modified': new Date(version.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    ...versionHeader(versioned, version.versionId),
  };
  for (const [name, value] of Object.entries(version.metadata ?? {}))
    headers[`${USER_METADATA}${name}`] = value;
  return headers;
}

/** The object (and version, with `?versionId`) a request names. */
export const objectVersionInput = (request: S3HttpRequest): GetObjectInput => {
  const versionId = request.query.get('versionId');
  return { bucket: request.bucket, key: request.key, ...(versionId === null ? {} : { versionId }) };
};
