/**
 * S3 on the AWS endpoint: which operation a REST request is (method, whether it names a bucket and a
 * key, and the subresource in its query string), the operation that answers it, and S3's
 * ServiceEntry, a raw REST-XML service that reads its own requests (S3 streams bodies up to 5 GB),
 * with the IAM target of each request for role callers and CORS from the bucket's rules.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAPI.html
 */
import type { RawServiceEntry } from '../../protocol/service-entry.ts';
import { s3AuthorizationTarget } from './authorization.ts';
import { s3Errors } from './errors.ts';
import { abortMultipartUploadHandler } from './operations/abort-multipart-upload.ts';
import { completeMultipartUploadHandler } from './operations/complete-multipart-upload.ts';
import { copyObjectHandler } from './operations/copy-object.ts';
import { createBucketHandler } from './operations/create-bucket.ts';
import { createMultipartUploadHandler } from './operations/create-multipart-upload.ts';
import { deleteBucketHandler } from './operations/delete-bucket.ts';
import { deleteBucketCorsHandler } from './operations/delete-bucket-cors.ts';
import { deleteBucketLifecycleHandler } from './operations/delete-bucket-lifecycle.ts';
import { deleteBucketPolicyHandler } from './operations/delete-bucket-policy.ts';
import { deleteObjectHandler } from './operations/delete-object.ts';
import { deleteObjectsHandler } from './operations/delete-objects.ts';
import { getBucketAclHandler } from './operations/get-bucket-acl.ts';
import { getBucketCorsHandler } from './operations/get-bucket-cors.ts';
import { getBucketEncryptionHandler } from './operations/get-bucket-encryption.ts';
import { getBucketLifecycleConfigurationHandler } from './operations/get-bucket-lifecycle-configuration.ts';
import { getBucketLocationHandler } from './operations/get-bucket-location.ts';
import { getBucketOwnershipControlsHandler } from './operations/get-bucket-ownership-controls.ts';
import { getBucketPolicyHandler } from './operations/get-bucket-policy.ts';
import { getBucketTaggingHandler } from './operations/get-bucket-tagging.ts';
import { getBucketVersioningHandler } from './operations/get-bucket-versioning.ts';
import { getObjectHandler } from './operations/get-object.ts';
import { getPublicAccessBlockHandler } from './operations/get-public-access-block.ts';
import { headBucketHandler } from './operations/head-bucket.ts';
import { headObjectHandler } from './operations/head-object.ts';
import { listBucketsHandler } from './operations/list-buckets.ts';
import { listObjectVersionsHandler } from './operations/list-object-versions.ts';
import { listObjectsHandler } from './operations/list-objects.ts';
import { listObjectsV2Handler } from './operations/list-objects-v2.ts';
import { putBucketCorsHandler } from './operations/put-bucket-cors.ts';
import { putBucketLifecycleConfigurationHandler } from './operations/put-bucket-lifecycle-configuration.ts';
import { putBucketPolicyHandler } from './operations/put-bucket-policy.ts';
import { putBucketVersioningHandler } from './operations/put-bucket-versioning.ts';
import { putObjectHandler } from './operations/put-object.ts';
import { uploadPartHandler } from './operations/upload-part.ts';
import { createS3Cors } from './rest-xml/cors-answers.ts';
import { type S3HttpHandler, type S3HttpOptions, serveRestXml } from './rest-xml/handler.ts';
import type { OperationHandler } from './rest-xml/http-message.ts';
import type { S3Target } from './rest-xml/request-target.ts';
import type { S3Service } from './service.ts';

/** Operation name -> the operation's wire handler (operations/<operation-name>.ts). */
export const s3OperationTable = {
  ListBuckets: listBucketsHandler,
  CreateBucket: createBucketHandler,
  DeleteBucket: deleteBucketHandler,
  HeadBucket: headBucketHandler,
  GetBucketLocation: getBucketLocationHandler,
  PutBucketVersioning: putBucketVersioningHandler,
  GetBucketVersioning: getBucketVersioningHandler,
  PutBucketLifecycleConfiguration: putBucketLifecycleConfigurationHandler,
  GetBucketLifecycleConfiguration: getBucketLifecycleConfigurationHandler,
  DeleteBucketLifecycle: deleteBucketLifecycleHandler,
  PutBucketPolicy: putBucketPolicyHandler,
  GetBucketPolicy: getBucketPolicyHandler,
  DeleteBucketPolicy: deleteBucketPolicyHandler,
  PutBucketCors: putBucketCorsHandler,
  GetBucketCors: getBucketCorsHandler,
  DeleteBucketCors: deleteBucketCorsHandler,
  ListObjects: listObjectsHandler,
  ListObjectsV2: listObjectsV2Handler,
  ListObjectVersions: listObjectVersionsHandler,
  DeleteObjects: deleteObjectsHandler,
  GetBucketEncryption: getBucketEncryptionHandler,
  GetPublicAccessBlock: getPublicAccessBlockHandler,
  GetBucketOwnershipControls: getBucketOwnershipControlsHandler,
  GetBucketTagging: getBucketTaggingHandler,
  GetBucketAcl: getBucketAclHandler,
  CopyObject: copyObjectHandler,
  PutObject: putObjectHandler,
  GetObject: getObjectHandler,
  HeadObject: headObjectHandler,
  DeleteObject: deleteObjectHandler,
  CreateMultipartUpload: createMultipartUploadHandler,
  UploadPart: uploadPartHandler,
  CompleteMultipartUpload: completeMultipartUploadHandler,
  AbortMultipartUpload: abortMultipartUploadHandler,
} satisfies Readonly<Record<string, OperationHandler>>;

/** The operations emulated. */
export type S3Operation = keyof typeof s3OperationTable;

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

/** The operation a request names; refuses subresources and combinations not emulated (501, 405). */
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

/** S3's REST-XML handler over this table, for the endpoint and for tests that serve S3 alone. */
export const createS3HttpHandler = (service: S3Service, options: S3HttpOptions = {}): S3HttpHandler =>
  serveRestXml(service, resolveOperation, s3OperationTable, options);

export function s3ServiceEntry(service: S3Service, options: S3HttpOptions = {}): RawServiceEntry {
  const handle = createS3HttpHandler(service, options);
  return {
    kind: 'raw',
    handler: (req, res) => void handle(req, res),
    errorFormat: { protocol: 'rest-xml' },
    // Unsigned requests that name no other service are S3's, answered in S3's XML.
    catchAll: true,
    authorizationTarget: s3AuthorizationTarget,
    cors: createS3Cors(service),
  };
}
