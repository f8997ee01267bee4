import type { AccountContext } from '../../runtime/account.ts';
import type { RequestContext } from './conditions.ts';
import { denialMessage } from './denial-message.ts';
import { type Decision, evaluatePolicies } from './evaluate.ts';
import { evaluateResourcePolicy } from './resource-policy.ts';
import type { RolePolicies } from './role-policies.ts';

/**
 * Who signed a request: a role session, the account's root user, or a temporary (`ASIA`) key this
 * engine never issued (denied everything, as AWS rejects an invalid security token).
 */
export type CallerIdentity =
  | {
      readonly kind: 'role';
      readonly roleArn: string;
      readonly roleName: string;
      readonly sessionName: string;
    }
  | { readonly kind: 'root' }
  | { readonly kind: 'unknown'; readonly accessKeyId: string };

export type AuthorizationResult =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly message: string };

export interface AuthorizationInput {
  readonly account: AccountContext;
  readonly identity: CallerIdentity;
  /** The session's role policies; undefined when the role no longer exists (or for root). */
  readonly role: RolePolicies | undefined;
  readonly action: string;
  readonly resourceArn: string;
  readonly context: RequestContext;
  readonly resourcePolicy?: unknown;
}

/**
 * Same-account policy evaluation, pure: an explicit Deny in the resource-based policy stops anyone;
 * otherwise root is allowed, and a role session is allowed by an identity-based Allow without an
 * explicit Deny, or by a resource-based Allow naming it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function authorizeRequest(input: AuthorizationInput): AuthorizationResult {
  const { account, identity, action, resourceArn, context } = input;
  if (identity.kind === 'unknown') {
    // AWS answers UnrecognizedClientException before evaluating any policy.
    return { allowed: false, message: 'The security token included in the request is invalid.' };
  }
  const principalArn =
    identity.kind === 'root'
      ? `arn:${account.partition}:iam::${account.accountId}:root`
      : `arn:${account.partition}:sts::${account.accountId}:assumed-role/${identity.roleName}/${identity.sessionName}`;
  const resourceDecision =
    input.resourcePolicy === undefined
      ? undefined
      : evaluateResourcePolicy(
          input.resourcePolicy,
          {
            type: 'AWS',
            arn: principalArn,
            accountId: account.accountId,
            ...(identity.kind === 'role' && { roleArn: identity.roleArn }),
          },
          action,
          resourceArn,
          context,
        );
  if (resourceDecision?.effect === 'ExplicitDeny') {
    return {
      allowed: false,
      message: denialMessage(principalArn, action, resourceArn, 'resource-based', resourceDecision),
    };
  }
  if (identity.kind === 'root') return { allowed: true };
  if (!input.role) {
    const none: Decision = { effect: 'ImplicitDeny', unsupported: [] };
    return {
      allowed: false,
      message: denialMessage(principalArn, action, resourceArn, 'identity-based', none, [
        `role ${identity.roleArn} no longer exists`,
      ]),
    };
  }
  const decision = evaluatePolicies(
    input.role.policies,
    { action, resource: resourceArn, context },
    'identity',
  );
  if (decision.effect === 'Allow') return { allowed: true };
  if (decision.effect === 'ImplicitDeny' && resourceDecision?.effect === 'Allow') return { allowed: true };
  const notes = input.role.unknownManaged.map(
    (arn) =>
      `managed policy ${arn} is attached but its content is unknown to the local engine, so it grants nothing`,
  );
  return {
    allowed: false,
    message: denialMessage(principalArn, action, resourceArn, 'identity-based', decision, notes),
  };
}
