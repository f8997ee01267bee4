import type { ObjectVersion } from '../model.ts';
import { compareKeys } from '../operations/list-keys.ts';
import type { S3Service } from '../service.ts';
import { ownerOf } from './bucket-handlers.ts';
import { isoDate, listEncoder, type OperationHandler, type S3HttpRequest, xmlResponse } from './types.ts';
import { element, toXml, type XmlNode } from './xml.ts';

/**
 * ListObjects (v1), ListObjectsV2 and ListObjectVersions as XML.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
 */
const param = (request: S3HttpRequest, name: string): string | undefined =>
  request.query.get(name) ?? undefined;

const maxKeys = (request: S3HttpRequest): number | undefined => {
  const text = param(request, 'max-keys');
  return text === undefined ? undefined : Number(text);
};

const objectRow = (
  key: string,
  version: ObjectVersion,
  encode: (v: string) => string | undefined,
): XmlNode => ({
  Key: encode(key),
  LastModified: isoDate(version.lastModified),
  ETag: version.etag,
  Size: version.size,
  StorageClass: 'STANDARD',
});

function listV2OrV1(service: S3Service, request: S3HttpRequest, v2: boolean): string {
  const encode = listEncoder(request);
  const prefix = param(request, 'prefix');
  const delimiter = param(request, 'delimiter');
  const marker = v2 ? param(request, 'start-after') : param(request, 'marker');
  const token = v2 ? param(request, 'continuation-token') : undefined;
  const result = service.listObjectsV2(
    {
      bucket: request.bucket,
      ...(prefix === undefined ? {} : { prefix }),
      ...(delimiter === undefined ? {} : { delimiter }),
      ...(marker === undefined ? {} : { startAfter: marker }),
      ...(token === undefined ? {} : { continuationToken: token }),
      ...(maxKeys(request) === undefined ? {} : { maxKeys: maxKeys(request) }),
    },
    request.caller,
  );
  const lastRow = result.contents[result.contents.length - 1]?.key;
  const lastPrefix = result.commonPrefixes[result.commonPrefixes.length - 1];
  const nextMarker = [lastRow, lastPrefix]
    .filter((v) => v !== undefined)
    .sort(compareKeys)
    .pop();
  const common: XmlNode = {
    Name: request.bucket,
    Prefix: encode(prefix ?? ''),
    Delimiter: encode(delimiter),
    MaxKeys: maxKeys(request) ?? 1000,
    EncodingType: param(request, 'encoding-type'),
    IsTruncated: result.isTruncated,
  };
  const rows = {
    Contents: result.contents.map((o) => objectRow(o.key, o.version, encode)),
    CommonPrefixes: result.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
  };
  if (v2) {
    return toXml('ListBucketResult', {
      ...common,
      KeyCount: result.keyCount,
      ContinuationToken: token,
      NextContinuationToken: result.nextContinuationToken,
      StartAfter: encode(marker),
      ...rows,
    });
  }
  return toXml('ListBucketResult', {
    ...common,
    Marker: encode(marker ?? ''),
    // v1 only returns NextMarker when a delimiter is given; clients otherwise use the last key.
    NextMarker: result.isTruncated && delimiter ? encode(nextMarker) : undefined,
    ...rows,
  });
}

export const listObjectsV2Handler: OperationHandler = (service, request) =>
  xmlResponse(listV2OrV1(service, request, true));

export const listObjectsHandler: OperationHandler = (service, request) =>
  xmlResponse(listV2OrV1(service, request, false));

export const listObjectVersionsHandler: OperationHandler = (service, request) => {
  const encode = listEncoder(request);
  const prefix = param(request, 'prefix');
  const delimiter = param(request, 'delimiter');
  const keyMarker = param(request, 'key-marker');
  const versionIdMarker = param(request, 'version-id-marker');
  const result = service.listObjectVersions(
    {
      bucket: request.bucket,
      ...(prefix === undefined ? {} : { prefix }),
      ...(delimiter === undefined ? {} : { delimiter }),
      ...(keyMarker === undefined ? {} : { keyMarker }),
      ...(versionIdMarker === undefined ? {} : { versionIdMarker }),
      ...(maxKeys(request) === undefined ? {} : { maxKeys: maxKeys(request) }),
    },
    request.caller,
  );
  const owner = ownerOf(service);
  // Versions and delete markers interleave in key order, so they are rendered row by row.
  const rows = result.versions
    .map(({ key, version, isLatest }) =>
      version.deleteMarker
        ? element('DeleteMarker', {
            Key: encode(key),
            VersionId: version.versionId,
            IsLatest: isLatest,
            LastModified: isoDate(version.lastModified),
            Owner: owner,
          })
        : element('Version', {
            ...objectRow(key, version, encode),
            VersionId: version.versionId,
            IsLatest: isLatest,
            Owner: owner,
          }),
    )
    .join('');
  const head = toXml('ListVersionsResult', {
    Name: request.bucket,
    Prefix: encode(prefix ?? ''),
    KeyMarker: encode(keyMarker ?? ''),
    VersionIdMarker: versionIdMarker ?? '',
    NextKeyMarker: encode(result.nextKeyMarker),
    NextVersionIdMarker: result.nextVersionIdMarker,
    MaxKeys: maxKeys(request) ?? 1000,
    Delimiter: encode(delimiter),
    EncodingType: param(request, 'encoding-type'),
    IsTruncated: result.isTruncated,
    CommonPrefixes: result.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
  });
  return xmlResponse(head.replace('</ListVersionsResult>', `${rows}</ListVersionsResult>`));
};
