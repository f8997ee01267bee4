import { createHash } from 'node:crypto';
import { defineOperation } from '../../../protocol/operation.ts';
import type { AccountContext } from '../../../runtime/account.ts';
import { callerArn } from '../../iam/caller-arn.ts';

const roleUniqueId = (roleArn: string): string =>
  `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;

/** https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html */
export const getCallerIdentity = (account: AccountContext) =>
  defineOperation({
    input: {},
    // No permission is required to call GetCallerIdentity, even under an explicit deny.
    skipAuthorization: true,
    handle: (_input, ctx) => ({
      UserId:
        ctx.caller.kind === 'role' && ctx.caller.roleArn
          ? `${roleUniqueId(ctx.caller.roleArn)}:${ctx.caller.sessionName ?? ''}`
          : account.accountId,
      Account: account.accountId,
      Arn: callerArn(ctx.caller, account),
    }),
  });
