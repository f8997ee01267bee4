import { defineOperation } from '../../../protocol/operation.ts';
import { page, ROLE_NAME } from '../role-view.ts';
import type { IamService } from '../service.ts';

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRolePolicies.html (inline policies only). */
export const listRolePolicies = (iam: IamService) =>
  defineOperation({
    input: {
      RoleName: ROLE_NAME,
      Marker: { type: 'string', minLength: 1 },
      MaxItems: { type: 'integer', min: 1, max: 1000 },
    },
    resource: (i, ctx) => `arn:aws:iam::${ctx.accountId}:role/${i.RoleName}`,
    handle: (i) => {
      const names = Object.keys(iam.inlinePoliciesOf(i.RoleName)).sort();
      const result = page(names, (name) => name, i.Marker, i.MaxItems);
      return {
        PolicyNames: result.items,
        IsTruncated: result.isTruncated,
        ...(result.marker === undefined ? {} : { Marker: result.marker }),
      };
    },
  });
