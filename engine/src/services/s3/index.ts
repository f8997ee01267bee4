/**
 * The local S3: buckets, versioning, objects on disk, bucket policies (via an injected evaluator),
 * lifecycle rules run on the engine clock, and the REST-XML wire protocol.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/Welcome.html
 *
 * LIMITATIONS (what this does not emulate):
 * - Multipart: Create/UploadPart/Complete/Abort only; ListMultipartUploads, ListParts and
 *   UploadPartCopy are refused (501). Incomplete uploads are aborted by lifecycle rules.
 * - ACL, tagging, encryption, public-access-block and ownership *writes* on the wire, object
 *   tagging and ACLs, website, object lock, replication, notifications, storage classes and
 *   transitions: refused (501), never silently ignored. The bucket getters report what the
 *   template set (or S3's defaults); the ACL is always the owner's FULL_CONTROL.
 * - CopyObject copies within this engine only; no conditional copy headers, no tagging directive.
 * - Lifecycle filters other than Prefix (Tag, And, ObjectSize*) and Expiration by Date: refused.
 * - Conditional requests (If-Match, If-None-Match…), SSE headers, Content-Encoding/Cache-Control/
 *   Content-Disposition storage, and checksums other than CRC32 (accepted unchecked).
 * - SigV4 signatures are not verified (the edge parses credentials; S3 trusts the caller it gets).
 * - Bucket policies are only as strong as the injected evaluator; only an explicit Deny refuses.
 * - One account and one partition: bucket names are unique per engine, not globally.
 * - Listing re-sorts keys on every call (fine for thousands of keys, not millions).
 * - A single PutObject streams to disk (up to 5 GB, then EntityTooLarge); an `aws-chunked` PutObject,
 *   UploadPart and GetObject still hold the body in memory.
 * - CORS: answered from the bucket's rules for path-style `/bucket…` and `bucket.s3.localhost`
 *   requests; a request carrying a foreign Origin never reaches S3 (the endpoint refuses it), and
 *   errors the endpoint itself writes (authentication) carry no CORS headers.
 * Known differences from AWS are listed in known-differences.ts.
 */

export { bucketNameProblem } from './bucket-name.ts';
export { type CorsRule, checkCorsRules } from './cors-rules.ts';
export { dueAt, type LifecycleAction, planLifecycle } from './lifecycle.ts';
export type {
  BucketSettings,
  BucketState,
  EncryptionRule,
  LifecycleRule,
  ObjectVersion,
  VersioningStatus,
} from './model.ts';
export { createS3HttpHandler, s3ServiceEntry } from './operation-table.ts';
export type { BucketSummary } from './operations/list-buckets.ts';
export type {
  BucketPolicyDecision,
  BucketPolicyEvaluator,
  BucketPolicyRequest,
  S3Caller,
} from './policy.ts';
export { bucketArn, ownerCaller } from './policy.ts';
export { createS3Cors, type S3CorsOptions } from './rest-xml/cors-answers.ts';
export type { S3HttpHandler, S3HttpOptions } from './rest-xml/handler.ts';
export type { S3ServiceOptions } from './service.ts';
export { S3Service } from './service.ts';
