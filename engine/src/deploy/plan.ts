import type { ResourceProvider } from '../providers/provider.ts';
import type { ResourceRecord } from './types.ts';

export type ResourceDecision = 'none' | 'update' | 'replace';

/**
 * What a redeploy does to an existing resource, from its old record and its newly resolved
 * properties: nothing when they are equal (so an unchanged resource keeps its physical id and is
 * never touched), an in-place update, or a replacement when the type changed, the provider cannot
 * update, or a property marked "Update requires: Replacement" changed.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-update-behaviors.html
 */
export function decideChange(
  old: ResourceRecord,
  type: string,
  props: Readonly<Record<string, unknown>>,
  provider: ResourceProvider,
): ResourceDecision {
  if (old.type !== type) return 'replace';
  const changed = changedProperties(old.properties, props);
  if (changed.length === 0) return 'none';
  if (!provider.update) return 'replace';
  const replacing = provider.replacementProperties ?? [];
  return changed.some((name) => replacing.includes(name)) ? 'replace' : 'update';
}

/** Top-level property names whose values differ (added, removed or changed). */
export function changedProperties(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !sameJson(before[name], after[name]));
}

/** Deep equality of JSON values, ignoring object key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((k) => Object.hasOwn(right, k) && sameJson(left[k], right[k]))
  );
}
