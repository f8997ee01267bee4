import type { CallerIdentity } from '../../protocol/operation.ts';
import type { AccountContext } from '../../runtime/account.ts';
import { arnResourceName } from '../../runtime/arn.ts';

/** `arn:aws:sts::<acct>:assumed-role/<role>/<session>` for roles, `arn:aws:iam::<acct>:root` otherwise. */
export function callerArn(caller: CallerIdentity, account: AccountContext): string {
  if (caller.kind === 'role' && caller.roleArn) {
    const roleName = arnResourceName(caller.roleArn);
    return `arn:${account.partition}:sts::${account.accountId}:assumed-role/${roleName}/${caller.sessionName ?? roleName}`;
  }
  return `arn:${account.partition}:iam::${account.accountId}:root`;
}
