/** Caller identities and the IAM denial text AWS uses for them. */

import type { CallerIdentity } from '../protocol/operation.ts';
import type { AccountContext } from '../runtime/account.ts';
import { arnResourceName } from '../runtime/arn.ts';

export type { CallerIdentity };

/** Any key the engine did not issue is the account root: fake CLI/SDK credentials just work. */
export const rootIdentity = (accessKeyId: string): CallerIdentity => ({ accessKeyId, kind: 'root' });

/** `arn:aws:sts::<acct>:assumed-role/<role>/<session>` for roles, `arn:aws:iam::<acct>:root` otherwise. */
export function callerArn(caller: CallerIdentity, account: AccountContext): string {
  if (caller.kind === 'role' && caller.roleArn) {
    const roleName = arnResourceName(caller.roleArn);
    return `arn:${account.partition}:sts::${account.accountId}:assumed-role/${roleName}/${caller.sessionName ?? roleName}`;
  }
  return `arn:${account.partition}:iam::${account.accountId}:root`;
}

/**
 * The message AWS returns when no identity-based policy allows the action, e.g.
 * `User: arn:aws:sts::000000000000:assumed-role/R/S is not authorized to perform: dynamodb:Scan on
 * resource: arn:...:table/T because no identity-based policy allows the dynamodb:Scan action`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 */
export function accessDeniedMessage(
  caller: CallerIdentity,
  account: AccountContext,
  action: string,
  resource: string,
): string {
  return `User: ${callerArn(caller, account)} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;
}
