import type { NamedPolicy } from './evaluate.ts';
import { knownManagedPolicy } from './managed-policies.ts';
import { parsePolicyDocument } from './policy-document.ts';
import type { RoleRecord, StandalonePolicy } from './store.ts';

/** Every identity-based policy that applies to a role, parsed, and the managed ones we cannot read. */
export interface RolePolicies {
  readonly policies: readonly NamedPolicy[];
  readonly unknownManaged: readonly string[];
}

/** The role's inline policies, `AWS::IAM::Policy` documents attached to it, and known managed policies. */
export function collectRolePolicies(
  role: RoleRecord,
  standalone: Readonly<Record<string, StandalonePolicy>>,
): RolePolicies {
  const key = role.roleName.toLowerCase();
  const policies: NamedPolicy[] = Object.entries(role.inlinePolicies).map(([name, document]) => ({
    name,
    document: parsePolicyDocument(document),
  }));
  for (const [name, policy] of Object.entries(standalone)) {
    if (policy.roleNames.some((r) => r.toLowerCase() === key)) {
      policies.push({ name, document: parsePolicyDocument(policy.document) });
    }
  }
  const unknownManaged: string[] = [];
  for (const arn of role.managedPolicyArns) {
    const document = knownManagedPolicy(arn);
    if (document) policies.push({ name: arn, document });
    else unknownManaged.push(arn);
  }
  return { policies, unknownManaged };
}
