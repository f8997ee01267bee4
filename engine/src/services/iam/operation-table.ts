/**
 * IAM on the AWS endpoint: awsQuery in, XML out (`aws iam get-role` parses nothing else).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html
 */
import type { QueryServiceEntry } from '../../protocol/service-entry.ts';
import { getRole } from './operations/get-role.ts';
import { getRolePolicy } from './operations/get-role-policy.ts';
import { listRolePolicies } from './operations/list-role-policies.ts';
import { listRoles } from './operations/list-roles.ts';
import type { IamService } from './service.ts';

/** IAM's read API on the endpoint; roles are written only by CloudFormation (the stack's providers). */
export const iamServiceEntry = (iam: IamService): QueryServiceEntry => ({
  kind: 'query',
  iamPrefix: 'iam',
  protocol: { xmlns: 'https://iam.amazonaws.com/doc/2010-05-08/' },
  operations: {
    GetRole: getRole(iam),
    ListRoles: listRoles(iam),
    ListRolePolicies: listRolePolicies(iam),
    GetRolePolicy: getRolePolicy(iam),
  },
});
