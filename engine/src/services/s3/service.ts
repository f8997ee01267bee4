import { type AccountContext, DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import type { Clock } from '../../runtime/clock.ts';
import { putBucketSettings } from './bucket-settings.ts';
import type { CorsRule } from './cors-rules.ts';
import { LOCAL_REQUESTS_ARE_SECURE_BY_DEFAULT } from './known-differences.ts';
import { LifecycleSweep } from './lifecycle-sweep.ts';
import type {
  BucketSettings,
  BucketState,
  EncryptionRule,
  LifecycleRule,
  PublicAccessBlock,
} from './model.ts';
import { abortMultipartUpload } from './operations/abort-multipart-upload.ts';
import {
  type CompleteMultipartUploadInput,
  completeMultipartUpload,
} from './operations/complete-multipart-upload.ts';
import { type CopyObjectInput, type CopyObjectOutput, copyObject } from './operations/copy-object.ts';
import { type CreateBucketInput, createBucket } from './operations/create-bucket.ts';
import {
  type CreateMultipartUploadInput,
  createMultipartUpload,
} from './operations/create-multipart-upload.ts';
import { deleteBucket } from './operations/delete-bucket.ts';
import { deleteBucketCors } from './operations/delete-bucket-cors.ts';
import { deleteBucketLifecycle } from './operations/delete-bucket-lifecycle.ts';
import { deleteBucketPolicy } from './operations/delete-bucket-policy.ts';
import { type DeleteObjectInput, type DeleteObjectOutput, deleteObject } from './operations/delete-object.ts';
import { type BucketAcl, getBucketAcl } from './operations/get-bucket-acl.ts';
import { corsOfBucket, getBucketCors } from './operations/get-bucket-cors.ts';
import { getBucketEncryption } from './operations/get-bucket-encryption.ts';
import { getBucketLifecycle } from './operations/get-bucket-lifecycle-configuration.ts';
import { bucketRegion } from './operations/get-bucket-location.ts';
import { getBucketOwnershipControls } from './operations/get-bucket-ownership-controls.ts';
import { getBucketPolicy } from './operations/get-bucket-policy.ts';
import { getBucketTagging } from './operations/get-bucket-tagging.ts';
import { getBucketVersioning } from './operations/get-bucket-versioning.ts';
import { type GetObjectOutput, getObject } from './operations/get-object.ts';
import { getPublicAccessBlock } from './operations/get-public-access-block.ts';
import type { GetObjectInput } from './operations/head-object.ts';
import { type HeadObjectOutput, headObject } from './operations/head-object.ts';
import { type BucketSummary, listBuckets } from './operations/list-buckets.ts';
import {
  type ListObjectVersionsInput,
  type ListObjectVersionsOutput,
  listObjectVersions,
} from './operations/list-object-versions.ts';
import {
  type ListObjectsV2Input,
  type ListObjectsV2Output,
  listObjectsV2,
} from './operations/list-objects-v2.ts';
import { type PutBucketCorsInput, putBucketCors } from './operations/put-bucket-cors.ts';
import {
  type PutBucketLifecycleInput,
  putBucketLifecycle,
} from './operations/put-bucket-lifecycle-configuration.ts';
import { type PutBucketPolicyInput, putBucketPolicy } from './operations/put-bucket-policy.ts';
import { type PutBucketVersioningInput, putBucketVersioning } from './operations/put-bucket-versioning.ts';
import { type PutObjectInput, type PutObjectOutput, putObject } from './operations/put-object.ts';
import { type UploadPartInput, uploadPart } from './operations/upload-part.ts';
import { type BucketPolicyEvaluator, enforceBucketPolicy, ownerCaller, type S3Caller } from './policy.ts';
import { S3Store } from './store.ts';

/** What every S3 operation gets: the store, the time, the account and the bucket-policy check. */
export interface S3Context {
  readonly store: S3Store;
  readonly clock: Clock;
  readonly account: AccountContext;
  /** Throws AccessDenied when the bucket's policy denies `action` to `caller`. */
  authorize(caller: S3Caller, action: string, bucket: BucketState, key?: string): void;
}

export interface S3ServiceOptions {
  /** The service's data directory; buckets and bodies live under it. */
  readonly dataDir: string;
  readonly clock: Clock;
  readonly account?: AccountContext;
  /** The IAM service's bucket-policy evaluator; without one, policies are stored but not enforced. */
  readonly evaluateBucketPolicy?: BucketPolicyEvaluator;
  /** Local deviation (`--retention-scale N`): lifecycle days last 24 h / N. */
  readonly retentionScale?: number;
  /** See known-differences.ts (1). Default true: the local endpoint is plain HTTP. */
  readonly treatPlainHttpAsSecure?: boolean;
}

/**
 * The local S3: typed operations (used by the wire handler, CloudFormation providers and Firehose)
 * over an on-disk store, and the lifecycle sweep on the injected clock.
 * Every operation takes the caller; it defaults to the account's root user.
 */
export class S3Service {
  readonly account: AccountContext;
  private readonly ctx: S3Context;
  private readonly sweep: LifecycleSweep;
  private readonly owner: S3Caller;

  /** The directory single-PUT bodies stream into (rest-xml/stream-body.ts). */
  get stagingDir(): string {
    return this.ctx.store.stagingDir;
  }

  constructor(options: S3ServiceOptions) {
    this.account = options.account ?? DEFAULT_ACCOUNT;
    this.owner = ownerCaller(this.account.accountId);
    const store = new S3Store(options.dataDir);
    const enforcement = {
      ...(options.evaluateBucketPolicy ? { evaluate: options.evaluateBucketPolicy } : {}),
      treatPlainHttpAsSecure: options.treatPlainHttpAsSecure ?? LOCAL_REQUESTS_ARE_SECURE_BY_DEFAULT,
    };
    this.ctx = {
      store,
      clock: options.clock,
      account: this.account,
      authorize: (caller, action, bucket, key) =>
        enforceBucketPolicy(enforcement, bucket, caller, action, key),
    };
    this.sweep = new LifecycleSweep(store, options.clock, 86_400_000 / (options.retentionScale ?? 1));
  }

  /** Starts the daily lifecycle sweep. */
  start(): void {
    this.sweep.start();
  }

  stop(): void {
    this.sweep.stop();
  }

  /** Runs due lifecycle actions now (the sweep does this every emulated midnight); returns the count. */
  runLifecycle(): number {
    return this.sweep.run();
  }

  listBuckets(): BucketSummary[] {
    return listBuckets(this.ctx);
  }

  /** The bucket's Region (GetBucketLocation, HeadBucket); NoSuchBucket when absent. */
  bucketRegion(bucket: string, caller = this.owner): string {
    return bucketRegion(this.ctx, bucket, caller);
  }

  createBucket(input: CreateBucketInput): { readonly location: string } {
    return createBucket(this.ctx, input);
  }
  deleteBucket(input: { readonly bucket: string }, caller = this.owner): void {
    deleteBucket(this.ctx, input, caller);
  }
  putBucketVersioning(input: PutBucketVersioningInput, caller = this.owner): void {
    putBucketVersioning(this.ctx, input, caller);
  }
  getBucketVersioning(
    input: { readonly bucket: string },
    caller = this.owner,
  ): { readonly status?: 'Enabled' | 'Suspended' } {
    return getBucketVersioning(this.ctx, input, caller);
  }
  putBucketLifecycle(input: PutBucketLifecycleInput, caller = this.owner): void {
    putBucketLifecycle(this.ctx, input, caller);
  }
  getBucketLifecycle(input: { readonly bucket: string }, caller = this.owner): readonly LifecycleRule[] {
    return getBucketLifecycle(this.ctx, input, caller);
  }
  deleteBucketLifecycle(input: { readonly bucket: string }, caller = this.owner): void {
    deleteBucketLifecycle(this.ctx, input, caller);
  }
  putBucketCors(input: PutBucketCorsInput, caller = this.owner): void {
    putBucketCors(this.ctx, input, caller);
  }
  getBucketCors(input: { readonly bucket: string }, caller = this.owner): readonly CorsRule[] {
    return getBucketCors(this.ctx, input, caller);
  }
  deleteBucketCors(input: { readonly bucket: string }, caller = this.owner): void {
    deleteBucketCors(this.ctx, input, caller);
  }
  /** The bucket's CORS rules for a preflight (no caller: S3 answers preflights unauthenticated). */
  corsOfBucket(bucket: string): { readonly exists: boolean; readonly rules?: readonly CorsRule[] } {
    return corsOfBucket(this.ctx, bucket);
  }
  putBucketPolicy(input: PutBucketPolicyInput, caller = this.owner): void {
    putBucketPolicy(this.ctx, input, caller);
  }
  getBucketPolicy(input: { readonly bucket: string }, caller = this.owner): string {
    return getBucketPolicy(this.ctx, input, caller);
  }
  deleteBucketPolicy(input: { readonly bucket: string }, caller = this.owner): void {
    deleteBucketPolicy(this.ctx, input, caller);
  }
  putBucketSettings(
    input: { readonly bucket: string; readonly settings: BucketSettings },
    caller = this.owner,
  ): void {
    putBucketSettings(this.ctx, input, caller);
  }
  getBucketEncryption(bucket: string, caller = this.owner): readonly EncryptionRule[] {
    return getBucketEncryption(this.ctx, bucket, caller);
  }
  getPublicAccessBlock(bucket: string, caller = this.owner): PublicAccessBlock {
    return getPublicAccessBlock(this.ctx, bucket, caller);
  }
  getBucketOwnershipControls(bucket: string, caller = this.owner): string {
    return getBucketOwnershipControls(this.ctx, bucket, caller);
  }
  getBucketTagging(
    bucket: string,
    caller = this.owner,
  ): readonly { readonly key: string; readonly value: string }[] {
    return getBucketTagging(this.ctx, bucket, caller);
  }
  getBucketAcl(bucket: string, caller = this.owner): BucketAcl {
    return getBucketAcl(this.ctx, bucket, caller);
  }
  copyObject(input: CopyObjectInput, caller = this.owner): CopyObjectOutput {
    return copyObject(this.ctx, input, caller);
  }
  putObject(input: PutObjectInput, caller = this.owner): PutObjectOutput {
    return putObject(this.ctx, input, caller);
  }
  getObject(input: GetObjectInput, caller = this.owner): GetObjectOutput {
    return getObject(this.ctx, input, caller);
  }
  headObject(input: GetObjectInput, caller = this.owner): HeadObjectOutput {
    return headObject(this.ctx, input, caller);
  }
  deleteObject(input: DeleteObjectInput, caller = this.owner): DeleteObjectOutput {
    return deleteObject(this.ctx, input, caller);
  }
  listObjectsV2(input: ListObjectsV2Input, caller = this.owner): ListObjectsV2Output {
    return listObjectsV2(this.ctx, input, caller);
  }
  listObjectVersions(input: ListObjectVersionsInput, caller = this.owner): ListObjectVersionsOutput {
    return listObjectVersions(this.ctx, input, caller);
  }
  createMultipartUpload(input: CreateMultipartUploadInput, caller = this.owner): { uploadId: string } {
    return createMultipartUpload(this.ctx, input, caller);
  }
  uploadPart(input: UploadPartInput, caller = this.owner): { etag: string } {
    return uploadPart(this.ctx, input, caller);
  }
  completeMultipartUpload(
    input: CompleteMultipartUploadInput,
    caller = this.owner,
  ): { etag: string; versionId?: string } {
    return completeMultipartUpload(this.ctx, input, caller);
  }
  abortMultipartUpload(
    input: { readonly bucket: string; readonly key: string; readonly uploadId: string },
    caller = this.owner,
  ): void {
    abortMultipartUpload(this.ctx, input, caller);
  }
}
