/**
 * STS on the endpoint: only GetCallerIdentity, which the AWS CLI and SDK tooling call to learn
 * the account. https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 *
 * LIMITATIONS: no AssumeRole or session tokens; the role's unique id is derived from its ARN.
 */
import { createHash } from 'node:crypto';
import { defineOperation } from '../protocol/operation.ts';
import type { QueryServiceEntry } from '../protocol/service-entry.ts';
import { type AccountContext, DEFAULT_ACCOUNT } from '../runtime/account.ts';
import { callerArn } from './identity.ts';

const roleUniqueId = (roleArn: string): string =>
  `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;

export function stsService(account: AccountContext = DEFAULT_ACCOUNT): QueryServiceEntry {
  return {
    kind: 'query',
    protocol: { xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/' },
    iamPrefix: 'sts',
    operations: {
      GetCallerIdentity: defineOperation({
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
      }),
    },
  };
}
