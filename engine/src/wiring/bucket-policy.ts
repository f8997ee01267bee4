import { parseArn } from '../runtime/arn.ts';
import { evaluateResourcePolicy } from '../services/iam/index.ts';
import type { BucketPolicyEvaluator } from '../services/s3/index.ts';

/** S3 bucket policies judged by the IAM policy engine (S3 never parses policy language itself). */
export const bucketPolicyEvaluator: BucketPolicyEvaluator = (document, request) => {
  const accountId = parseArn(request.principal)?.accountId ?? '';
  const principal = request.principal.startsWith('arn:')
    ? { type: 'AWS' as const, arn: request.principal, accountId }
    : { type: 'Service' as const, service: request.principal };
  const decision = evaluateResourcePolicy(document, principal, request.action, request.resource, {
    'aws:SecureTransport': request.secureTransport,
    ...(request.sourceArn ? { 'aws:SourceArn': request.sourceArn } : {}),
    ...(request.sourceAccount ? { 'aws:SourceAccount': request.sourceAccount } : {}),
  });
  return decision.effect === 'ExplicitDeny'
    ? 'Deny'
    : decision.effect === 'Allow'
      ? 'Allow'
      : 'NotApplicable';
};
