import { s3Errors } from './errors.ts';
import type { BucketState } from './model.ts';

/**
 * Who makes an S3 request. The edge fills it from the SigV4 credentials; internal writers (Firehose)
 * pass their role ARN or service principal.
 */
export interface S3Caller {
  /** An IAM ARN (`arn:aws:iam::000000000000:root`, a role ARN) or a service principal. */
  readonly principal: string;
  /** False only for a request that really arrived over plain HTTP and should be judged so (see known-differences.ts). */
  readonly secureTransport?: boolean;
  readonly sourceArn?: string;
  readonly sourceAccount?: string;
}

/** The request context a bucket policy is evaluated against (`aws:SecureTransport`, `aws:SourceArn`…). */
export interface BucketPolicyRequest {
  readonly principal: string;
  /** `s3:GetObject`, `s3:PutObject`, `s3:ListBucket`… */
  readonly action: string;
  /** `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/key`. */
  readonly resource: string;
  readonly secureTransport: boolean;
  readonly sourceArn?: string;
  readonly sourceAccount?: string;
}

/**
 * `Deny` when an explicit Deny statement matches, `Allow` when an Allow matches, else
 * `NotApplicable`. Only `Deny` refuses the request here: same-account callers may be allowed by
 * their identity policies, which the IAM service judges, not S3.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html
 */
export type BucketPolicyDecision = 'Allow' | 'Deny' | 'NotApplicable';

/** Implemented by the IAM service; injected so S3 does not parse policy language itself. */
export type BucketPolicyEvaluator = (document: unknown, request: BucketPolicyRequest) => BucketPolicyDecision;

/** The account's own root user: what providers and the CLI act as when nothing else is known. */
export const ownerCaller = (accountId: string): S3Caller => ({ principal: `arn:aws:iam::${accountId}:root` });

export const bucketArn = (bucket: string, key?: string): string =>
  key === undefined ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`;

export interface PolicyEnforcement {
  readonly evaluate?: BucketPolicyEvaluator;
  readonly treatPlainHttpAsSecure: boolean;
}

/** Throws AccessDenied when the bucket's policy explicitly denies the request. */
export function enforceBucketPolicy(
  enforcement: PolicyEnforcement,
  bucket: BucketState,
  caller: S3Caller,
  action: string,
  key?: string,
): void {
  if (bucket.policy === undefined || !enforcement.evaluate) return;
  const secureTransport = enforcement.treatPlainHttpAsSecure || caller.secureTransport !== false;
  const decision = enforcement.evaluate(JSON.parse(bucket.policy), {
    principal: caller.principal,
    action,
    resource: bucketArn(bucket.name, key),
    secureTransport,
    ...(caller.sourceArn === undefined ? {} : { sourceArn: caller.sourceArn }),
    ...(caller.sourceAccount === undefined ? {} : { sourceAccount: caller.sourceAccount }),
  });
  if (decision === 'Deny') {
    throw s3Errors.accessDenied(`${action} on ${bucketArn(bucket.name, key)} is denied by the bucket policy`);
  }
}
