import { policyOf, storedTemplate } from './deletion-order.ts';
import type { StackOperation } from './operation.ts';
import { changedProperties, decideChange } from './plan.ts';
import type { PreparedStack } from './prepare.ts';
import { definitionOf, resolveResource } from './resource-steps.ts';

/** One line of a change set, as the dev loop prints it before applying an update. */
export interface PlannedChange {
  readonly action: 'Add' | 'Modify' | 'Replace' | 'Remove';
  readonly logicalId: string;
  readonly resourceType: string;
  /** The deployed resource's physical id (Modify, Replace, Remove). */
  readonly physicalId?: string;
  /** Top-level properties that differ (Modify, Replace). */
  readonly properties: readonly string[];
  /** For Replace: the properties that force the replacement ("Update requires: Replacement"), or `Type`. */
  readonly replacedBy: readonly string[];
  /** What happens to the old resource (Replace: UpdateReplacePolicy, Remove: DeletionPolicy). */
  readonly oldResourcePolicy?: 'Delete' | 'Retain' | 'Snapshot' | 'RetainExceptOnCreate';
  /** True when the new properties could not be resolved yet (they depend on resources the update creates). */
  readonly conditional?: boolean;
}

/**
 * The changes an update of the stack to `prepared` would make, resource by resource, computed
 * read-only (no event, no provider call) with the same rules the update applies (`decideChange`).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets.html
 */
export function previewStackChanges(op: StackOperation, prepared: PreparedStack): PlannedChange[] {
  const stack = op.stack;
  const oldTemplate = storedTemplate(stack);
  const changes: PlannedChange[] = [];
  for (const logicalId of prepared.graph.order) {
    const { type } = definitionOf(prepared, logicalId);
    const old = stack.resources[logicalId];
    if (!old) {
      changes.push({ action: 'Add', logicalId, resourceType: type, properties: [], replacedBy: [] });
      continue;
    }
    let props: Record<string, unknown>;
    try {
      props = resolveResource(op, prepared, logicalId);
    } catch {
      // A reference to a resource the update creates: known only while updating, as CloudFormation's
      // "Replacement: Conditional".
      changes.push({
        action: 'Modify',
        logicalId,
        resourceType: type,
        physicalId: old.physicalId,
        properties: [],
        replacedBy: [],
        conditional: true,
      });
      continue;
    }
    const provider = op.provider(type);
    const decision = decideChange(old, type, props, provider);
    if (decision === 'none') continue;
    const properties = changedProperties(old.properties, props);
    const replacing = provider.replacementProperties ?? [];
    const replacedBy =
      decision !== 'replace'
        ? []
        : old.type !== type
          ? ['Type']
          : provider.update
            ? properties.filter((name) => replacing.includes(name))
            : properties;
    changes.push({
      action: decision === 'update' ? 'Modify' : 'Replace',
      logicalId,
      resourceType: type,
      physicalId: old.physicalId,
      properties,
      replacedBy,
      ...(decision === 'replace' ? { oldResourcePolicy: policyOf(oldTemplate, logicalId, 'replace') } : {}),
    });
  }
  for (const [logicalId, old] of Object.entries(stack.resources)) {
    if (prepared.graph.order.includes(logicalId)) continue;
    changes.push({
      action: 'Remove',
      logicalId,
      resourceType: old.type,
      physicalId: old.physicalId,
      properties: [],
      replacedBy: [],
      oldResourcePolicy: policyOf(oldTemplate, logicalId, 'deletion'),
    });
  }
  return changes;
}
