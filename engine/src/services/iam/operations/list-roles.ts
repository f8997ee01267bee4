import { defineOperation } from '../../../protocol/operation.ts';
import { page, roleView } from '../role-view.ts';
import type { IamService } from '../service.ts';

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html (no tags in the listing, as IAM). */
export const listRoles = (iam: IamService) =>
  defineOperation({
    input: {
      PathPrefix: { type: 'string', minLength: 1, maxLength: 512 },
      Marker: { type: 'string', minLength: 1 },
      MaxItems: { type: 'integer', min: 1, max: 1000 },
    },
    handle: (i) => {
      const roles = iam
        .listRoles()
        .filter((role) => role.path.startsWith(i.PathPrefix ?? '/'))
        .sort((a, b) => (a.roleName < b.roleName ? -1 : 1));
      const result = page(roles, (role) => role.roleName, i.Marker, i.MaxItems);
      return {
        Roles: result.items.map((role) => roleView(role, false)),
        IsTruncated: result.isTruncated,
        ...(result.marker === undefined ? {} : { Marker: result.marker }),
      };
    },
  });
