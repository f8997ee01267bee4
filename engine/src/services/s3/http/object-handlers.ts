import { isAwsError } from '../../../runtime/aws-error.ts';
import { s3Errors } from '../errors.ts';
import type { ObjectVersion } from '../model.ts';
import type { GetObjectInput } from '../operations/get-object.ts';
import { header, type OperationHandler, type S3HttpRequest, xmlResponse } from './types.ts';
import { childrenNamed, childText, parseXml, toXml } from './xml.ts';

/**
 * Object-level REST operations. https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
 */
const USER_METADATA = 'x-amz-meta-';

export function userMetadata(request: S3HttpRequest): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith(USER_METADATA) && typeof value === 'string')
      metadata[name.slice(USER_METADATA.length)] = value;
  }
  return metadata;
}

const versionHeader = (versioned: boolean, versionId: string | undefined): Record<string, string> =>
  versioned && versionId !== undefined ? { 'x-amz-version-id': versionId } : {};

function objectHeaders(version: ObjectVersion, versioned: boolean): Record<string, string> {
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

const getInput = (request: S3HttpRequest): GetObjectInput => {
  const versionId = request.query.get('versionId');
  return { bucket: request.bucket, key: request.key, ...(versionId === null ? {} : { versionId }) };
};

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

export const headObjectHandler: OperationHandler = (service, request) => {
  const { version, versioned } = service.headObject(getInput(request), request.caller);
  return { status: 200, headers: objectHeaders(version, versioned) };
};

/** `bytes=a-b`, `bytes=a-` and `bytes=-n`; other forms (multiple ranges) return the whole object. */
export function parseRange(
  range: string | undefined,
  size: number,
): { start: number; end: number } | undefined {
  const match = range?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) throw s3Errors.invalidRange();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) throw s3Errors.invalidRange();
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

export const getObjectHandler: OperationHandler = (service, request) => {
  const { version, versioned, body } = service.getObject(getInput(request), request.caller);
  const headers = objectHeaders(version, versioned);
  const range = parseRange(header(request, 'range'), body.length);
  if (!range) return { status: 200, headers, body };
  return {
    status: 206,
    headers: {
      ...headers,
      'content-length': String(range.end - range.start + 1),
      'content-range': `bytes ${range.start}-${range.end}/${body.length}`,
    },
    body: body.subarray(range.start, range.end + 1),
  };
};

export const deleteObjectHandler: OperationHandler = (service, request) => {
  const result = service.deleteObject(getInput(request), request.caller);
  return {
    status: 204,
    headers: {
      ...(result.deleteMarker ? { 'x-amz-delete-marker': 'true' } : {}),
      ...versionHeader(true, result.versionId),
    },
  };
};

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html */
export const deleteObjectsHandler: OperationHandler = (service, request) => {
  const document = parseXml(request.body.toString('utf8'));
  if (document.name !== 'Delete') throw s3Errors.malformedXml('expected <Delete>');
  const objects = childrenNamed(document, 'Object');
  if (objects.length > 1000) throw s3Errors.malformedXml('at most 1000 keys per request');
  const quiet = childText(document, 'Quiet') === 'true';
  const deleted: Record<string, string | boolean | undefined>[] = [];
  const errors: Record<string, string | undefined>[] = [];
  for (const object of objects) {
    const key = childText(object, 'Key') ?? '';
    const versionId = childText(object, 'VersionId');
    try {
      const result = service.deleteObject(
        { bucket: request.bucket, key, ...(versionId === undefined ? {} : { versionId }) },
        request.caller,
      );
      if (quiet) continue;
      deleted.push({
        Key: key,
        VersionId: versionId,
        DeleteMarker: result.deleteMarker,
        DeleteMarkerVersionId: versionId === undefined && result.deleteMarker ? result.versionId : undefined,
      });
    } catch (error) {
      if (!isAwsError(error)) throw error;
      errors.push({ Key: key, VersionId: versionId, Code: error.code, Message: error.message });
    }
  }
  return xmlResponse(toXml('DeleteResult', { Deleted: deleted, Error: errors }));
};
