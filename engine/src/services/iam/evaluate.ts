import { evaluateCondition, type RequestContext } from './conditions.ts';
import type { PolicyDocument, PolicyStatement, PrincipalSpec } from './policy-document.ts';
import { matchesAction, matchesResource } from './wildcard.ts';

/** Who is asking, as a resource-based policy's Principal element sees it. */
export type RequestPrincipal =
  /** An IAM identity; for a role session `arn` is the sts assumed-role ARN and `roleArn` the role's. */
  | { readonly type: 'AWS'; readonly arn: string; readonly accountId: string; readonly roleArn?: string }
  /** An AWS service such as `logging.s3.amazonaws.com`. */
  | { readonly type: 'Service'; readonly service: string }
  | { readonly type: 'Anonymous' };

export interface AccessRequest {
  readonly action: string;
  readonly resource: string;
  readonly context?: RequestContext;
  /** Required to evaluate resource-based policies (their statements name principals). */
  readonly principal?: RequestPrincipal;
}

/** A policy with a name to cite in explanations (policy name, managed policy ARN, "bucket policy"). */
export interface NamedPolicy {
  readonly name: string;
  readonly document: PolicyDocument;
}

export interface StatementRef {
  readonly policy: string;
  readonly sid?: string;
  readonly index: number;
}

/**
 * The outcome of evaluating a set of policies of one type.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export interface Decision {
  readonly effect: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** The statement that decided an Allow or an ExplicitDeny. */
  readonly decidedBy?: StatementRef;
  /** Statements that applied to the request but used condition operators this engine cannot evaluate. */
  readonly unsupported: readonly (StatementRef & { readonly operators: readonly string[] })[];
}

const anyMatches = (patterns: readonly string[], match: (p: string) => boolean): boolean =>
  patterns.some(match);

function actionApplies(statement: PolicyStatement, action: string): boolean {
  if (statement.Action) return anyMatches(statement.Action, (p) => matchesAction(p, action));
  return !anyMatches(statement.NotAction ?? [], (p) => matchesAction(p, action));
}

function resourceApplies(statement: PolicyStatement, resource: string, kind: PolicyKind): boolean {
  if (statement.Resource) return anyMatches(statement.Resource, (p) => matchesResource(p, resource));
  if (statement.NotResource) return !anyMatches(statement.NotResource, (p) => matchesResource(p, resource));
  // Identity policies require Resource; trust policies (resource-based) have none and cover the role.
  return kind === 'resource';
}

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;

function principalMatches(spec: PrincipalSpec, principal: RequestPrincipal | undefined): boolean {
  // `"*"` and `{ "AWS": "*" }` are equivalent: everyone, services and anonymous callers included.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
  if (spec === '*' || (spec.AWS ?? []).includes('*')) return true;
  if (!principal) return false;
  if (principal.type === 'AWS') {
    return (spec.AWS ?? []).some((id) => {
      if (id === '*') return true;
      const account = /^\d{12}$/.test(id) ? id : ACCOUNT_ROOT.exec(id)?.[1];
      if (account) return account === principal.accountId;
      return id === principal.arn || id === principal.roleArn;
    });
  }
  if (principal.type === 'Service') {
    return (spec.Service ?? []).some((s) => s === '*' || s.toLowerCase() === principal.service.toLowerCase());
  }
  return false;
}

function principalApplies(
  statement: PolicyStatement,
  principal: RequestPrincipal | undefined,
  kind: PolicyKind,
): boolean {
  if (kind === 'identity') return true;
  if (statement.Principal) return principalMatches(statement.Principal, principal);
  if (statement.NotPrincipal) return !principalMatches(statement.NotPrincipal, principal);
  return false;
}

export type PolicyKind = 'identity' | 'resource';

/**
 * Evaluates policies of one kind against a request: an applicable Deny wins, else an applicable
 * Allow, else the implicit deny. A statement whose Condition uses an operator we cannot evaluate
 * never allows; if it is a Deny that otherwise applies, the request is denied (fail closed) and
 * the decision lists it, so a missing feature can never turn into an accidental Allow.
 */
export function evaluatePolicies(
  policies: readonly NamedPolicy[],
  request: AccessRequest,
  kind: PolicyKind,
): Decision {
  let allow: StatementRef | undefined;
  const unsupported: (StatementRef & { operators: readonly string[] })[] = [];
  for (const policy of policies) {
    for (const [index, statement] of policy.document.Statement.entries()) {
      if (!actionApplies(statement, request.action)) continue;
      if (!resourceApplies(statement, request.resource, kind)) continue;
      if (!principalApplies(statement, request.principal, kind)) continue;
      const ref: StatementRef = {
        policy: policy.name,
        index,
        ...(statement.Sid !== undefined && { sid: statement.Sid }),
      };
      const condition = evaluateCondition(statement.Condition, request.context ?? {});
      if (condition.unsupported.length > 0) {
        unsupported.push({ ...ref, operators: condition.unsupported });
        if (statement.Effect === 'Deny') return { effect: 'ExplicitDeny', decidedBy: ref, unsupported };
        continue;
      }
      if (!condition.matches) continue;
      if (statement.Effect === 'Deny') return { effect: 'ExplicitDeny', decidedBy: ref, unsupported };
      allow ??= ref;
    }
  }
  return allow ? { effect: 'Allow', decidedBy: allow, unsupported } : { effect: 'ImplicitDeny', unsupported };
}
