import { resolveProperties } from '../intrinsics/resolve.ts';
import type { ResolvedParameters } from '../template/parameters.ts';
import { computeChangeSet, type ResourceChangeDescription, unsettledValue } from './change-set.ts';
import { policyOf, storedTemplate } from './deletion-order.ts';
import { hasChanges } from './no-changes.ts';
import { type DeployRuntime, StackOperation } from './operation.ts';
import { type PreparedStack, prepareStack } from './prepare.ts';
import { definitionOf } from './resource-steps.ts';
import { makeStackId } from './stack-name.ts';
import type { DeployInput, StackRecord } from './types.ts';

/** What a deploy would do, known before it runs (CreateChangeSet, `tapstack diff`). */
export interface StackPreview {
  /** False when the deploy would create the stack. */
  readonly exists: boolean;
  /** False when a deploy would be `NO_CHANGES`. */
  readonly hasChanges: boolean;
  readonly changes: readonly ResourceChangeDescription[];
  readonly parameters: ResolvedParameters;
  readonly prepared: PreparedStack;
}

/**
 * Prepares a deploy (throwing the same validation errors the deploy would, before anything
 * exists) and computes its change set against the stack as deployed. Read-only: no event, no
 * provider call, nothing persisted.
 */
export function previewDeploy(
  runtime: DeployRuntime,
  existing: StackRecord | undefined,
  input: DeployInput,
): StackPreview {
  const stackId = existing?.stackId ?? input.stackId ?? makeStackId(runtime.account, input.stackName);
  const prepared = prepareStack({
    template: input.template,
    overrides: input.parameterOverrides ?? {},
    account: runtime.account,
    stackName: input.stackName,
    stackId,
    registry: runtime.registry,
  });
  const planned = prepared.graph.order.map((logicalId) => ({
    logicalId,
    type: definitionOf(prepared, logicalId).type,
  }));
  if (!existing) {
    const changes = computeChangeSet({
      deployed: {},
      planned,
      behaviour: () => ({ canUpdate: true, replacementProperties: [] }),
      resolve: () => ({}),
    });
    return { exists: false, hasChanges: true, changes, parameters: prepared.parameters, prepared };
  }
  const op = new StackOperation(runtime, existing, () => {});
  const oldTemplate = storedTemplate(existing);
  const deployed = Object.fromEntries(
    Object.values(existing.resources).map((r) => [
      r.logicalId,
      {
        logicalId: r.logicalId,
        type: r.type,
        physicalId: r.physicalId,
        properties: r.properties,
        deletionPolicy: policyOf(oldTemplate, r.logicalId, 'deletion'),
        updateReplacePolicy: policyOf(oldTemplate, r.logicalId, 'replace'),
      },
    ]),
  );
  const changes = computeChangeSet({
    deployed,
    planned,
    behaviour: (type) => {
      const provider = runtime.registry.get(type);
      return {
        canUpdate: provider?.update !== undefined,
        replacementProperties: provider?.replacementProperties ?? [],
      };
    },
    resolve: (logicalId, unsettled) => {
      const base = op.resolutionContext(prepared);
      const ctx = {
        ...base,
        resourcePhysicalId: (id: string) =>
          unsettled.has(id) ? unsettledValue(id) : base.resourcePhysicalId(id),
        resourceAttribute: (id: string, attribute: string) =>
          unsettled.has(id) ? unsettledValue(id) : base.resourceAttribute(id, attribute),
      };
      const definition = definitionOf(prepared, logicalId);
      return resolveProperties(definition.properties, ctx, `Resources.${logicalId}.Properties`);
    },
  });
  return {
    exists: true,
    hasChanges: changes.length > 0 || hasChanges(op, prepared),
    changes,
    parameters: prepared.parameters,
    prepared,
  };
}
