import type { CallerIdentity } from '../protocol/operation.ts';
import type { AuthorizeFn } from '../protocol/service-entry.ts';
import { arnResourceName } from '../runtime/arn.ts';
import type { IamService } from '../services/iam/index.ts';

/**
 * Who signed a request, as the edge sees it. Keys the IAM service issued are role sessions; an
 * `ASIA…` key it never issued is treated as a session too, so the IAM check refuses it ("security
 * token invalid") instead of granting root.
 */
export function identifyCaller(iam: IamService): (accessKeyId: string) => CallerIdentity {
  return (accessKeyId) => {
    const identity = iam.identify(accessKeyId);
    if (identity.kind === 'root') return { accessKeyId, kind: 'root' };
    return identity.kind === 'role'
      ? { accessKeyId, kind: 'role', roleArn: identity.roleArn, sessionName: identity.sessionName }
      : { accessKeyId, kind: 'role' };
  };
}

/** The edge's IAM check: root callers are allowed everything; role sessions are judged by IAM. */
export function authorizeCaller(iam: IamService): AuthorizeFn {
  return (caller, action, resource) => {
    if (caller.kind !== 'role') return { allowed: true };
    // A session key the IAM service never issued (no role): refused, never granted as root.
    if (!caller.roleArn)
      return iam.authorize({ kind: 'unknown', accessKeyId: caller.accessKeyId }, action, resource);
    return iam.authorize(
      {
        kind: 'role',
        roleArn: caller.roleArn,
        roleName: arnResourceName(caller.roleArn),
        sessionName: caller.sessionName ?? 'session',
      },
      action,
      resource,
    );
  };
}
