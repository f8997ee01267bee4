import { s3Errors } from '../errors.ts';
import type { S3Caller } from '../policy.ts';
import { bodyText, type OperationHandler } from '../rest-xml/http-message.ts';
import type { S3Context } from '../service.ts';

/**
 * Stores the policy text after a structural check; the evaluator (IAM service) judges it per request.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html
 */
export interface PutBucketPolicyInput {
  readonly bucket: string;
  /** The policy document as JSON text. */
  readonly policy: string;
}

const MAX_POLICY_BYTES = 20 * 1024;

function policyProblem(text: string): string | undefined {
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) return 'Policies must be 20 KB or smaller';
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return 'Policies must be valid JSON';
  }
  if (typeof document !== 'object' || document === null || !('Statement' in document)) {
    return 'Missing required field Statement';
  }
  return undefined;
}

export function putBucketPolicy(ctx: S3Context, input: PutBucketPolicyInput, caller: S3Caller): void {
  const bucket = ctx.store.get(input.bucket);
  ctx.authorize(caller, 's3:PutBucketPolicy', bucket);
  const problem = policyProblem(input.policy);
  if (problem) throw s3Errors.malformedPolicy(problem);
  bucket.policy = input.policy;
  ctx.store.save(bucket);
}

export const putBucketPolicyHandler: OperationHandler = (service, request) => {
  service.putBucketPolicy({ bucket: request.bucket, policy: bodyText(request) }, request.caller);
  return { status: 204 };
};
