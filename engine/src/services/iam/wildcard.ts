/**
 * Glob matching as IAM does it: `*` matches any run of characters (including none), `?` exactly
 * one; everything else literally. Linear-time two-pointer match with backtracking to the last `*`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 */
export function matchesWildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  let pi = 0;
  let vi = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      starAt = pi++;
      resumeAt = vi;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      vi = ++resumeAt;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/**
 * Whether an action pattern (`dynamodb:Put*`, `s3:*`, `*`) matches an action (`dynamodb:PutItem`).
 * Service prefixes and action names are case-insensitive.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export const matchesAction = (pattern: string, action: string): boolean =>
  matchesWildcard(pattern, action, true);

/** Whether a Resource/NotResource pattern matches a resource ARN (case-sensitive; `*` may span `:` and `/`). */
export const matchesResource = (pattern: string, resource: string): boolean =>
  matchesWildcard(pattern, resource);

/** Splits an ARN into its six components; the resource part keeps any further colons. */
function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/**
 * ArnLike/ArnEquals: each of the six colon-separated components is matched on its own, so a
 * wildcard never spans components.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
export function matchesArn(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = arnParts(pattern);
  const a = arnParts(arn);
  if (!p || !a) return false;
  return p.every((part, i) => matchesWildcard(part, a[i] ?? ''));
}
