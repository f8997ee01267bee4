import { compareKeys, isAfterMarker, type ListOptions, pageEntries, sortKeys } from '../list-keys.ts';
import type { ObjectVersion } from '../model.ts';
import type { S3Caller } from '../policy.ts';
import { isoDate, listEncoder, type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { maxKeys, objectRow, param } from '../rest-xml/list-bucket-result.ts';
import { ownerOf } from '../rest-xml/owner.ts';
import { element, toXml } from '../rest-xml/xml.ts';
import type { S3Context } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html */
export interface ListObjectVersionsInput extends ListOptions {
  readonly bucket: string;
  readonly keyMarker?: string;
  readonly versionIdMarker?: string;
}

export interface ListedVersion {
  readonly key: string;
  readonly version: ObjectVersion;
  readonly isLatest: boolean;
}

export interface ListObjectVersionsOutput {
  /** Versions and delete markers in S3's order: by key, newest first within a key. */
  readonly versions: ListedVersion[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
  readonly nextKeyMarker?: string;
  readonly nextVersionIdMarker?: string;
}

export function listObjectVersions(
  ctx: S3Context,
  input: ListObjectVersionsInput,
  caller: S3Caller,
): ListObjectVersionsOutput {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:ListBucketVersions', bucket);
  const entries = function* (): Generator<{ key: string; value: ListedVersion }> {
    for (const key of sortKeys(bucket.objects.keys())) {
      const versions = bucket.objects.get(key) ?? [];
      let start = 0;
      if (input.keyMarker !== undefined && input.versionIdMarker && compareKeys(key, input.keyMarker) === 0) {
        // Resume inside the marker key, after the marker version.
        start = versions.findIndex((v) => v.versionId === input.versionIdMarker) + 1;
        if (start === 0) continue;
      } else if (!isAfterMarker(key, input.keyMarker, input.delimiter)) continue;
      for (let i = start; i < versions.length; i++) {
        yield { key, value: { key, version: versions[i] as ObjectVersion, isLatest: i === 0 } };
      }
    }
  };
  const page = pageEntries(entries(), input);
  const versions: ListedVersion[] = [];
  const commonPrefixes: string[] = [];
  for (const row of page.rows) {
    if (row.kind === 'item') versions.push(row.value);
    else commonPrefixes.push(row.prefix);
  }
  const last = page.rows[page.rows.length - 1];
  if (!page.isTruncated || !last) return { versions, commonPrefixes, isTruncated: false };
  return last.kind === 'item'
    ? {
        versions,
        commonPrefixes,
        isTruncated: true,
        nextKeyMarker: last.key,
        nextVersionIdMarker: last.value.version.versionId,
      }
    : { versions, commonPrefixes, isTruncated: true, nextKeyMarker: last.prefix };
}

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
