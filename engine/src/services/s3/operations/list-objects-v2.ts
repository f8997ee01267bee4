import { s3Errors } from '../errors.ts';
import { isAfterMarker, type ListOptions, pageEntries, sortKeys } from '../list-keys.ts';
import type { ObjectVersion } from '../model.ts';
import type { S3Caller } from '../policy.ts';
import { type OperationHandler, xmlResponse } from '../rest-xml/http-message.ts';
import { listBucketResult } from '../rest-xml/list-bucket-result.ts';
import type { S3Context } from '../service.ts';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html */
export interface ListObjectsV2Input extends ListOptions {
  readonly bucket: string;
  readonly continuationToken?: string;
  readonly startAfter?: string;
}

export interface ListedObject {
  readonly key: string;
  readonly version: ObjectVersion;
}

export interface ListObjectsV2Output {
  readonly contents: ListedObject[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
  readonly keyCount: number;
  readonly nextContinuationToken?: string;
}

// The token is opaque to callers; it carries the last key or prefix returned.
const encodeToken = (marker: string): string => Buffer.from(marker).toString('base64url');

function decodeToken(token: string): string {
  const marker = Buffer.from(token, 'base64url').toString();
  if (token === '' || encodeToken(marker) !== token) {
    throw s3Errors.invalidArgument('The continuation token provided is incorrect');
  }
  return marker;
}

export function listObjectsV2(
  ctx: S3Context,
  input: ListObjectsV2Input,
  caller: S3Caller,
): ListObjectsV2Output {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:ListBucket', bucket);
  const marker =
    input.continuationToken !== undefined ? decodeToken(input.continuationToken) : input.startAfter;
  const entries = function* (): Generator<{ key: string; value: ObjectVersion }> {
    for (const key of sortKeys(bucket.objects.keys())) {
      const current = bucket.objects.get(key)?.[0];
      if (!current || current.deleteMarker || !isAfterMarker(key, marker, input.delimiter)) continue;
      yield { key, value: current };
    }
  };
  const page = pageEntries(entries(), input);
  const contents: ListedObject[] = [];
  const commonPrefixes: string[] = [];
  for (const row of page.rows) {
    if (row.kind === 'item') contents.push({ key: row.key, version: row.value });
    else commonPrefixes.push(row.prefix);
  }
  const last = page.rows[page.rows.length - 1];
  return {
    contents,
    commonPrefixes,
    isTruncated: page.isTruncated,
    keyCount: page.rows.length,
    ...(page.isTruncated && last
      ? { nextContinuationToken: encodeToken(last.kind === 'item' ? last.key : last.prefix) }
      : {}),
  };
}

export const listObjectsV2Handler: OperationHandler = (service, request) =>
  xmlResponse(listBucketResult(service, request, true));
