export { type AuthorizationResult, authorizeRequest, type CallerIdentity } from './authorize.ts';
export type { RequestContext } from './conditions.ts';
export type { SessionCredentials } from './credentials.ts';
export { type Decision, evaluatePolicies, type NamedPolicy, type RequestPrincipal } from './evaluate.ts';
export {
  type CreateRoleInput,
  IamService,
  type IamServiceOptions,
  type UpdateRoleInput,
} from './iam-service.ts';
export { KNOWN_MANAGED_POLICIES } from './managed-policies.ts';
export { type PolicyDocument, type PolicyStatement, parsePolicyDocument } from './policy-document.ts';
export { evaluateResourcePolicy } from './resource-policy.ts';
export type { RoleRecord } from './role-store.ts';
export { iamWireService } from './wire.ts';
