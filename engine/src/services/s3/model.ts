/** The S3 service's stored shapes: what a bucket and an object version are, apart from any wire format. */
import type { CorsRule } from './cors-rules.ts';

/** `Unversioned` until versioning is first enabled; afterwards only `Enabled` or `Suspended`. */
export type VersioningStatus = 'Unversioned' | 'Enabled' | 'Suspended';

/**
 * One version of a key, or a delete marker. Versions written while the bucket is unversioned or
 * suspended have the version id `null` (the literal string, as S3 reports it).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/versioning-workflows.html
 */
export interface ObjectVersion {
  readonly versionId: string;
  readonly deleteMarker: boolean;
  readonly lastModified: number;
  /** The quoted MD5 hex of the body (`"d41d8…"`), empty for delete markers. */
  readonly etag: string;
  readonly size: number;
  readonly contentType?: string;
  /** `x-amz-meta-*` user metadata, names lower-cased without the prefix. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** The body's file name under the store's objects directory; absent for delete markers. */
  readonly bodyFile?: string;
}

/**
 * A lifecycle rule reduced to what this emulator executes. `prefix` is `Filter.Prefix` (or the
 * legacy top-level `Prefix`); tag and size filters are refused when the rule is put.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleRule.html
 */
export interface LifecycleRule {
  readonly id?: string;
  readonly status: 'Enabled' | 'Disabled';
  readonly prefix: string;
  readonly expirationDays?: number;
  readonly expiredObjectDeleteMarker?: boolean;
  readonly noncurrentDays?: number;
  readonly newerNoncurrentVersions?: number;
  readonly abortIncompleteMultipartUploadDays?: number;
}

/**
 * An upload started with CreateMultipartUpload and not yet completed or aborted.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
 */
export interface MultipartUpload {
  readonly uploadId: string;
  readonly key: string;
  readonly initiatedAt: number;
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Part number → the part's quoted MD5, size and body file. */
  readonly parts: Record<string, { readonly etag: string; readonly size: number; readonly bodyFile: string }>;
}

export interface BucketState {
  readonly name: string;
  readonly createdAt: number;
  readonly region: string;
  versioning: VersioningStatus;
  /** The policy document as the caller sent it (JSON text). */
  policy?: string;
  lifecycle?: readonly LifecycleRule[];
  /** PutBucketCors rules; absent: no CORS configuration (preflights are refused). */
  cors?: readonly CorsRule[];
  /** Encryption, public access block, ownership controls and tags as the template set them. */
  settings?: BucketSettings;
  /** Key → versions, newest first. */
  readonly objects: Map<string, ObjectVersion[]>;
  /** Upload id → multipart upload in progress. */
  readonly uploads: Map<string, MultipartUpload>;
}

/**
 * Bucket configuration this emulator stores and reports but does not act on (objects sit on the
 * local disk; nothing is public; ACLs are not evaluated).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html
 */
export interface BucketSettings {
  readonly encryption?: readonly EncryptionRule[];
  readonly publicAccessBlock?: PublicAccessBlock;
  /** `BucketOwnerEnforced`, `BucketOwnerPreferred` or `ObjectWriter`. */
  readonly objectOwnership?: string;
  /** Absent: no tag set (GetBucketTagging answers NoSuchTagSet). */
  readonly tags?: readonly { readonly key: string; readonly value: string }[];
}

export interface EncryptionRule {
  /** `AES256`, `aws:kms` or `aws:kms:dsse`. */
  readonly sseAlgorithm: string;
  readonly kmsMasterKeyId?: string;
  readonly bucketKeyEnabled?: boolean;
}

export interface PublicAccessBlock {
  readonly blockPublicAcls: boolean;
  readonly ignorePublicAcls: boolean;
  readonly blockPublicPolicy: boolean;
  readonly restrictPublicBuckets: boolean;
}
