import type { DeployRequest, Engine, ResourceChangeDescription } from '../../../engine/src/index.ts';

/** One line of the change set the dev loop prints before applying a template. */
export interface PlannedChange {
  readonly action: 'Add' | 'Modify' | 'Replace' | 'Remove';
  readonly logicalId: string;
  readonly resourceType: string;
  /** The deployed resource's physical id (Modify, Replace, Remove). */
  readonly physicalId?: string;
  /** Top-level properties that differ (Modify, Replace). */
  readonly properties: readonly string[];
  /** For Replace: the property that forces the replacement ("Update requires: Replacement"), or `Type`. */
  readonly replacedBy: readonly string[];
  /** What happens to the old resource (Replace: UpdateReplacePolicy, Remove: DeletionPolicy). */
  readonly oldResourcePolicy?: 'Delete' | 'Retain';
  /** True when a changed value depends on a resource the update itself creates or replaces. */
  readonly conditional?: boolean;
}

/**
 * The change set the dev loop prints: the same read-only preview CreateChangeSet and `tapstack diff`
 * use (deploy/change-set.ts), in the dev loop's terms (a Modify with Replacement True is a Replace).
 * Empty when the stack does not exist yet.
 */
export function computeStackChanges(engine: Engine, request: DeployRequest): PlannedChange[] {
  const preview = engine.deployer.preview({
    stackName: request.stackName,
    template: request.templateBody,
    parameterOverrides: request.parameters ?? {},
  });
  return preview.exists ? preview.changes.map(toPlanned) : [];
}

function toPlanned(change: ResourceChangeDescription): PlannedChange {
  const replace = change.action === 'Modify' && change.replacement === 'True';
  return {
    action: replace ? 'Replace' : change.action,
    logicalId: change.logicalId,
    resourceType: change.resourceType,
    ...(change.physicalId ? { physicalId: change.physicalId } : {}),
    properties: [...new Set(change.details.map((d) => d.target.name))],
    replacedBy: replace && change.replacedBy ? [change.replacedBy] : [],
    ...(change.policyAction ? { oldResourcePolicy: change.policyAction } : {}),
    ...(change.replacement === 'Conditional' ? { conditional: true } : {}),
  };
}
