import { s3Errors } from '../errors.ts';

/**
 * Which S3 operation a REST request is, as data: method, whether it names a bucket and a key, and
 * the subresource in its query string. https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAPI.html
 */
export type S3Operation =
  | 'ListBuckets'
  | 'CreateBucket'
  | 'DeleteBucket'
  | 'HeadBucket'
  | 'GetBucketLocation'
  | 'PutBucketVersioning'
  | 'GetBucketVersioning'
  | 'PutBucketLifecycleConfiguration'
  | 'GetBucketLifecycleConfiguration'
  | 'DeleteBucketLifecycle'
  | 'PutBucketPolicy'
  | 'GetBucketPolicy'
  | 'DeleteBucketPolicy'
  | 'PutBucketCors'
  | 'GetBucketCors'
  | 'DeleteBucketCors'
  | 'ListObjects'
  | 'ListObjectsV2'
  | 'ListObjectVersions'
  | 'DeleteObjects'
  | 'GetBucketEncryption'
  | 'GetPublicAccessBlock'
  | 'GetBucketOwnershipControls'
  | 'GetBucketTagging'
  | 'GetBucketAcl'
  | 'CopyObject'
  | 'PutObject'
  | 'GetObject'
  | 'HeadObject'
  | 'DeleteObject'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload';

export interface S3Target {
  readonly bucket?: string;
  readonly key?: string;
  readonly query: URLSearchParams;
}

type Scope = 'service' | 'bucket' | 'object';

interface RouteRow {
  readonly method: string;
  readonly scope: Scope;
  /** The query parameter that selects the operation; `undefined` for the plain form. */
  readonly subresource?: string;
  readonly operation: S3Operation;
}

const ROUTES: readonly RouteRow[] = [
  { method: 'GET', scope: 'service', operation: 'ListBuckets' },
  { method: 'PUT', scope: 'bucket', operation: 'CreateBucket' },
  { method: 'DELETE', scope: 'bucket', operation: 'DeleteBucket' },
  { method: 'HEAD', scope: 'bucket', operation: 'HeadBucket' },
  { method: 'GET', scope: 'bucket', subresource: 'location', operation: 'GetBucketLocation' },
  { method: 'PUT', scope: 'bucket', subresource: 'versioning', operation: 'PutBucketVersioning' },
  { method: 'GET', scope: 'bucket', subresource: 'versioning', operation: 'GetBucketVersioning' },
  { method: 'PUT', scope: 'bucket', subresource: 'lifecycle', operation: 'PutBucketLifecycleConfiguration' },
  { method: 'GET', scope: 'bucket', subresource: 'lifecycle', operation: 'GetBucketLifecycleConfiguration' },
  { method: 'DELETE', scope: 'bucket', subresource: 'lifecycle', operation: 'DeleteBucketLifecycle' },
  { method: 'PUT', scope: 'bucket', subresource: 'policy', operation: 'PutBucketPolicy' },
  { method: 'GET', scope: 'bucket', subresource: 'policy', operation: 'GetBucketPolicy' },
  { method: 'DELETE', scope: 'bucket', subresource: 'policy', operation: 'DeleteBucketPolicy' },
  { method: 'PUT', scope: 'bucket', subresource: 'cors', operation: 'PutBucketCors' },
  { method: 'GET', scope: 'bucket', subresource: 'cors', operation: 'GetBucketCors' },
  { method: 'DELETE', scope: 'bucket', subresource: 'cors', operation: 'DeleteBucketCors' },
  { method: 'GET', scope: 'bucket', subresource: 'versions', operation: 'ListObjectVersions' },
  { method: 'GET', scope: 'bucket', subresource: 'list-type', operation: 'ListObjectsV2' },
  { method: 'GET', scope: 'bucket', operation: 'ListObjects' },
  { method: 'POST', scope: 'bucket', subresource: 'delete', operation: 'DeleteObjects' },
  { method: 'GET', scope: 'bucket', subresource: 'encryption', operation: 'GetBucketEncryption' },
  { method: 'GET', scope: 'bucket', subresource: 'publicAccessBlock', operation: 'GetPublicAccessBlock' },
  {
    method: 'GET',
    scope: 'bucket',
    subresource: 'ownershipControls',
    operation: 'GetBucketOwnershipControls',
  },
  { method: 'GET', scope: 'bucket', subresource: 'tagging', operation: 'GetBucketTagging' },
  { method: 'GET', scope: 'bucket', subresource: 'acl', operation: 'GetBucketAcl' },
  { method: 'PUT', scope: 'object', operation: 'PutObject' },
  { method: 'GET', scope: 'object', operation: 'GetObject' },
  { method: 'HEAD', scope: 'object', operation: 'HeadObject' },
  { method: 'DELETE', scope: 'object', operation: 'DeleteObject' },
  { method: 'POST', scope: 'object', subresource: 'uploads', operation: 'CreateMultipartUpload' },
  { method: 'PUT', scope: 'object', subresource: 'uploadId', operation: 'UploadPart' },
  { method: 'POST', scope: 'object', subresource: 'uploadId', operation: 'CompleteMultipartUpload' },
  { method: 'DELETE', scope: 'object', subresource: 'uploadId', operation: 'AbortMultipartUpload' },
];

const KNOWN_SUBRESOURCES = new Set(ROUTES.flatMap((r) => (r.subresource ? [r.subresource] : [])));

/** Query parameters that select operations this emulator does not implement (refused, never ignored). */
const UNSUPPORTED_SUBRESOURCES = [
  'acl',
  'accelerate',
  'analytics',
  'attributes',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'tagging',
  'torrent',
  'website',
  'policyStatus',
] as const;

/** Splits `/bucket/key` (path style) or `bucket.<suffix>` hosts (virtual-hosted style). */
export function parseTarget(
  url: string,
  host: string | undefined,
  virtualHostSuffixes: readonly string[],
): S3Target {
  const parsed = new URL(url, 'http://localhost');
  const path = parsed.pathname;
  const hostname = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  const suffix = virtualHostSuffixes.find((s) => hostname.endsWith(s) && hostname.length > s.length);
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text);
    } catch {
      throw s3Errors.invalidArgument(`the request path is not valid percent-encoding: ${text}`);
    }
  };
  if (suffix) {
    const bucket = hostname.slice(0, -suffix.length);
    const key = path.length > 1 ? decode(path.slice(1)) : undefined;
    return { bucket, ...(key === undefined ? {} : { key }), query: parsed.searchParams };
  }
  const rest = path.slice(1);
  if (rest === '') return { query: parsed.searchParams };
  const slash = rest.indexOf('/');
  if (slash < 0 || slash === rest.length - 1) {
    return { bucket: decode(slash < 0 ? rest : rest.slice(0, -1)), query: parsed.searchParams };
  }
  return {
    bucket: decode(rest.slice(0, slash)),
    key: decode(rest.slice(slash + 1)),
    query: parsed.searchParams,
  };
}

export function resolveOperation(
  method: string,
  target: S3Target,
  headers: Record<string, unknown>,
): S3Operation {
  const scope: Scope =
    target.bucket === undefined ? 'service' : target.key === undefined ? 'bucket' : 'object';
  const readable = method === 'GET' && scope === 'bucket';
  const unsupported = UNSUPPORTED_SUBRESOURCES.find(
    (name) => target.query.has(name) && !(readable && KNOWN_SUBRESOURCES.has(name)),
  );
  if (unsupported) throw s3Errors.notImplemented(`the '${unsupported}' subresource (${method})`);
  const subresource = [...target.query.keys()].find((name) => KNOWN_SUBRESOURCES.has(name));
  const row = ROUTES.find((r) => r.method === method && r.scope === scope && r.subresource === subresource);
  // A known subresource in an unimplemented combination (ListMultipartUploads, ListParts…).
  if (!row && subresource) throw s3Errors.notImplemented(`${method} ?${subresource} on a ${scope}`);
  const copy = scope === 'object' && headers['x-amz-copy-source'] !== undefined;
  if (copy && row?.operation === 'UploadPart') throw s3Errors.notImplemented('UploadPartCopy');
  if (copy && row?.operation === 'PutObject') return 'CopyObject';
  if (!row)
    throw s3Errors.methodNotAllowed(`${method} on a ${scope}${subresource ? ` ?${subresource}` : ''}`);
  return row.operation;
}
