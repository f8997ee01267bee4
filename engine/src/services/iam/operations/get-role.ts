import { defineOperation } from '../../../protocol/operation.ts';
import { ROLE_NAME, roleView } from '../role-view.ts';
import type { IamService } from '../service.ts';

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html */
export const getRole = (iam: IamService) =>
  defineOperation({
    input: { RoleName: ROLE_NAME },
    resource: (i, ctx) => `arn:aws:iam::${ctx.accountId}:role/${i.RoleName}`,
    handle: (i) => ({ Role: roleView(iam.getRole(i.RoleName), true) }),
  });
