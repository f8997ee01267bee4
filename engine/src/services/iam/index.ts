/**
 * The local IAM: roles with inline and managed policies written by CloudFormation, the policy
 * evaluation every role caller's request passes (identity policies, resource policies, conditions),
 * role credentials for functions, and a read API on the endpoint. Facts: AWS-FACTS.md.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 *
 * LIMITATIONS (what this does not emulate):
 * - The endpoint's API is read-only (GetRole, ListRoles, ListRolePolicies, GetRolePolicy): roles
 *   are written by CloudFormation; no RoleLastUsed, PermissionsBoundary or ListAttachedRolePolicies.
 */
export { type AuthorizationResult, authorizeRequest, type CallerIdentity } from './authorize.ts';
export type { RequestContext } from './conditions.ts';
export type { SessionCredentials } from './credentials.ts';
export { type Decision, evaluatePolicies, type NamedPolicy, type RequestPrincipal } from './evaluate.ts';
export { KNOWN_MANAGED_POLICIES } from './managed-policies.ts';
export { iamServiceEntry } from './operation-table.ts';
export { type PolicyDocument, type PolicyStatement, parsePolicyDocument } from './policy-document.ts';
export { evaluateResourcePolicy } from './resource-policy.ts';
export {
  type CreateRoleInput,
  IamService,
  type IamServiceOptions,
  type UpdateRoleInput,
} from './service.ts';
export type { RoleRecord } from './store.ts';
