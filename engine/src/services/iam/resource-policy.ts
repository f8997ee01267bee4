import type { RequestContext } from './conditions.ts';
import { type Decision, evaluatePolicies, type RequestPrincipal } from './evaluate.ts';
import { parsePolicyDocument } from './policy-document.ts';

/**
 * Evaluates a resource-based policy (S3 bucket policy, SQS queue policy, a role's trust policy)
 * for one request. `Allow` means the policy grants access, `ExplicitDeny` that it forbids it,
 * `ImplicitDeny` that it says nothing. The caller combines this with identity-based policies:
 * within one account, either may allow, and an explicit deny in either wins.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policies_resource.html
 *
 * Example: the TLS-only bucket statement (`Deny`, `Principal: "*"`, `Action: "s3:*"`,
 * `Condition: { Bool: { "aws:SecureTransport": "false" } }`) gives `ExplicitDeny` when the context
 * says `aws:SecureTransport: false`.
 */
export function evaluateResourcePolicy(
  document: unknown,
  principal: RequestPrincipal,
  action: string,
  resource: string,
  context: RequestContext = {},
): Decision {
  return evaluatePolicies(
    [{ name: 'resource-based policy', document: parsePolicyDocument(document) }],
    { action, resource, context, principal },
    'resource',
  );
}
