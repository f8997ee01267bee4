import type { Decision } from './evaluate.ts';

/** Which kind of policy produced a denial, as AWS names it in the message. */
export type PolicyType = 'identity-based' | 'resource-based';

/**
 * AWS's access denied wording: `User: <arn> is not authorized to perform: <action> on resource:
 * <arn> because no identity-based policy allows the <action> action` (implicit deny) or `... with an
 * explicit deny in an identity-based policy` (explicit deny).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 * Notes about what this engine could not evaluate follow in parentheses, so the cause is visible.
 */
export function denialMessage(
  principalArn: string,
  action: string,
  resource: string,
  policyType: PolicyType,
  decision: Decision,
  notes: readonly string[] = [],
): string {
  const head = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${resource}`;
  const reason =
    decision.effect === 'ExplicitDeny'
      ? `with an explicit deny in a${policyType === 'identity-based' ? 'n' : ''} ${policyType} policy`
      : `because no ${policyType} policy allows the ${action} action`;
  const decided = decision.decidedBy;
  const unsupported = decision.unsupported.map((s) => {
    const denied =
      decision.effect === 'ExplicitDeny' && decided?.policy === s.policy && decided.index === s.index;
    return (
      `statement ${s.sid ?? `#${s.index}`} of ${s.policy} uses condition operator(s) ${s.operators.join(', ')} ` +
      `that the TapStack local engine cannot evaluate, so ${denied ? 'its Deny was applied' : 'it was not applied'}`
    );
  });
  const all = [...unsupported, ...notes];
  return all.length > 0 ? `${head} ${reason} (TapStack: ${all.join('; ')})` : `${head} ${reason}`;
}
