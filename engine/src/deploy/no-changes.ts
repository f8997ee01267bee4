import type { StackOperation } from './operation.ts';
import { resolveOutputs } from './outputs.ts';
import { sameJson } from './plan.ts';
import type { PreparedStack } from './prepare.ts';
import { definitionOf, resolveResource } from './resource-steps.ts';
import type { StackRecord } from './types.ts';

/**
 * Whether a redeploy would change anything: the same resources of the same types, each resolving
 * (against the deployed physical ids and attributes) to the properties it has, the same outputs
 * and parameters, and nothing left to clean up. Read-only: no event, no provider call.
 * Template-only edits that change none of those (Metadata, descriptions of resources) count as no change.
 */
export function hasChanges(op: StackOperation, prepared: PreparedStack): boolean {
  const stack = op.stack;
  if (stack.pendingCleanup.length > 0) return true;
  if (!sameJson(stack.parameters.raw, prepared.parameters.raw)) return true;
  if (stack.template.Description !== prepared.template.document.Description) return true;
  const ids = prepared.graph.order;
  if (ids.length !== Object.keys(stack.resources).length) return true;
  try {
    for (const logicalId of ids) {
      const record = stack.resources[logicalId];
      if (!record || record.type !== definitionOf(prepared, logicalId).type) return true;
      if (!sameJson(record.properties, resolveResource(op, prepared, logicalId))) return true;
    }
    const outputs = resolveOutputs(
      prepared,
      op.resolutionContext(prepared),
      op.runtime.rewriteOutput,
      stack.stackName,
    );
    return !sameJson(outputs, withCurrentUrls(op, stack.outputs));
  } catch {
    // Something no longer resolves against the deployed resources: only a real update can tell.
    return true;
  }
}

/**
 * Stored outputs as this run sees them: the output rewriter maps values resolved in an earlier run
 * (local URLs with that run's ports) to the current ones. A value that differs only by that is not
 * a change of the stack (ports belong to the run), so it is refreshed in place without an update.
 */
function withCurrentUrls(op: StackOperation, outputs: StackRecord['outputs']): StackRecord['outputs'] {
  return outputs.map((o) => ({
    ...o,
    outputValue: op.runtime.rewriteOutput(o.outputKey, o.outputValue, op.stack.stackName),
  }));
}

/** Stores the outputs with this run's local URLs (see withCurrentUrls); no event, no provider call. */
export function refreshOutputUrls(op: StackOperation): void {
  const refreshed = withCurrentUrls(op, op.stack.outputs);
  if (sameJson(refreshed, op.stack.outputs)) return;
  op.stack.outputs = refreshed;
  op.runtime.store.put(op.stack);
}
