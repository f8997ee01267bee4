import type { DeployRequest, Engine, ResourceChangeDescription } from '../../../engine/src/index.ts';
import type { PlannedChange } from '../format/change-set.ts';

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
  const changed = [...new Set(change.details.map((d) => d.target.name))];
  return {
    action: replace ? 'Replace' : change.action,
    logicalId: change.logicalId,
    resourceType: change.resourceType,
    ...(change.physicalId ? { physicalId: change.physicalId } : {}),
    properties: replace ? [change.replacedBy ?? 'Type'] : change.action === 'Modify' ? changed : [],
    ...(change.replacement === 'Conditional' ? { mayReplace: true } : {}),
    ...(change.policyAction ? { oldResourcePolicy: change.policyAction } : {}),
  };
}
