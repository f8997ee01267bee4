import type { S3Context } from '../context.ts';
import type { ObjectVersion } from '../model.ts';
import type { S3Caller } from '../policy.ts';
import { compareKeys, isAfterMarker, type ListOptions, pageEntries, sortKeys } from './list-keys.ts';

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
