import type { OperationTable } from '../../protocol/operation.ts';
import type { IamService } from './iam-service.ts';
import { getRole } from './operations/get-role.ts';
import { getRolePolicy } from './operations/get-role-policy.ts';
import { listRolePolicies } from './operations/list-role-policies.ts';
import { listRoles } from './operations/list-roles.ts';

/** IAM's read API on the endpoint; roles are written only by CloudFormation (the stack's providers). */
export const iamOperations = (iam: IamService): OperationTable => ({
  GetRole: getRole(iam),
  ListRoles: listRoles(iam),
  ListRolePolicies: listRolePolicies(iam),
  GetRolePolicy: getRolePolicy(iam),
});
