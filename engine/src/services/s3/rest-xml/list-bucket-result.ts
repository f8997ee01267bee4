import { compareKeys } from '../list-keys.ts';
import type { ObjectVersion } from '../model.ts';
import type { S3Service } from '../service.ts';
import { isoDate, listEncoder, type S3HttpRequest } from './http-message.ts';
import { toXml, type XmlNode } from './xml.ts';

/**
 * The listing parameters and rows ListObjects (v1), ListObjectsV2 and ListObjectVersions share, and
 * the ListBucketResult document of the first two.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html
 */
export const param = (request: S3HttpRequest, name: string): string | undefined =>
  request.query.get(name) ?? undefined;

export const maxKeys = (request: S3HttpRequest): number | undefined => {
  const text = param(request, 'max-keys');
  return text === undefined ? undefined : Number(text);
};

export const objectRow = (
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

/** ListBucketResult for ListObjectsV2 (`v2`) or ListObjects (v1), from the same listing. */
export function listBucketResult(service: S3Service, request: S3HttpRequest, v2: boolean): string {
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
