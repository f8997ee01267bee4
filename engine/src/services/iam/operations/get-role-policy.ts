import { defineOperation } from '../../../protocol/operation.ts';
import { iamErrors } from '../errors.ts';
import { encodePolicy, ROLE_NAME } from '../role-view.ts';
import type { IamService } from '../service.ts';

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html */
export const getRolePolicy = (iam: IamService) =>
  defineOperation({
    input: {
      RoleName: ROLE_NAME,
      PolicyName: { type: 'string', required: true, minLength: 1, maxLength: 128, pattern: /^[\w+=,.@-]+$/ },
    },
    resource: (i, ctx) => `arn:aws:iam::${ctx.accountId}:role/${i.RoleName}`,
    handle: (i) => {
      const role = iam.getRole(i.RoleName);
      const policies = iam.inlinePoliciesOf(role.roleName);
      if (!Object.hasOwn(policies, i.PolicyName))
        throw iamErrors.noSuchEntity(`The role policy with name ${i.PolicyName} cannot be found.`);
      return {
        RoleName: role.roleName,
        PolicyName: i.PolicyName,
        PolicyDocument: encodePolicy(policies[i.PolicyName]),
      };
    },
  });
