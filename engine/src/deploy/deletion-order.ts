import { buildDependencyGraph } from '../graph/dependency-graph.ts';
import { readTemplate } from '../template/parse-template.ts';
import type { DeletionPolicy, Template } from '../template/types.ts';
import type { StackRecord } from './types.ts';

/**
 * The order to delete some of a stack's resources in: dependents first (reverse dependency order
 * of the stack's stored template), anything the template no longer explains first of all.
 */
export function deletionOrder(
  stack: Pick<StackRecord, 'template' | 'conditions'>,
  logicalIds: readonly string[],
): string[] {
  let order: readonly string[];
  try {
    order = buildDependencyGraph(readTemplate(stack.template), stack.conditions).order;
  } catch {
    // A stored template that no longer validates (older engine) still deletes, newest first.
    order = logicalIds;
  }
  const wanted = new Set(logicalIds);
  const known = order.filter((id) => wanted.has(id));
  const unknown = logicalIds.filter((id) => !known.includes(id));
  return [...unknown.reverse(), ...known.reverse()];
}

/** DeletionPolicy (or UpdateReplacePolicy) of a resource in a stored template; Delete when absent. */
export function policyOf(
  template: Template | undefined,
  logicalId: string,
  which: 'deletion' | 'replace',
): DeletionPolicy {
  const resource = template?.resources.find((r) => r.logicalId === logicalId);
  if (!resource) return 'Delete';
  return which === 'deletion' ? resource.deletionPolicy : resource.updateReplacePolicy;
}

/** The stored template, parsed; undefined if it no longer validates. */
export function storedTemplate(stack: Pick<StackRecord, 'template'>): Template | undefined {
  try {
    return readTemplate(stack.template);
  } catch {
    return undefined;
  }
}
