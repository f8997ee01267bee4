import { deletionOrder, policyOf, storedTemplate } from './deletion-order.ts';
import { DeployError } from './deploy-error.ts';
import type { StackOperation } from './operation.ts';
import { checkExports, resolveOutputs } from './outputs.ts';
import { decideChange } from './plan.ts';
import type { PreparedStack } from './prepare.ts';
import {
  createResource,
  definitionOf,
  deleteResource,
  explain,
  ResourceFailure,
  resolveResource,
  updateResource,
} from './resource-steps.ts';
import type { ResourceChange, ResourceRecord, StackRecord } from './types.ts';
import { describeStack } from './views.ts';

/** The parts of a stack an update changes, as they were before it (what a rollback restores). */
export type StackSnapshot = Pick<
  StackRecord,
  'template' | 'parameters' | 'conditions' | 'resources' | 'outputs' | 'imports'
>;

type Done =
  | { readonly kind: 'create'; readonly logicalId: string }
  | { readonly kind: 'update' | 'replace'; readonly logicalId: string; readonly previous: ResourceRecord };

export const snapshotOf = (stack: StackRecord): StackSnapshot =>
  structuredClone({
    template: stack.template,
    parameters: stack.parameters,
    conditions: stack.conditions,
    resources: stack.resources,
    outputs: stack.outputs,
    imports: stack.imports,
  });

/**
 * Updates a stack by diff: new resources are created, changed ones updated or replaced (keeping
 * dependency order, so dependents see new physical ids), unchanged ones are not touched. Old
 * resources (removed, or replaced) are deleted only once everything new is in place. On failure
 * every step is undone in reverse and the previous template, parameters and outputs restored
 * (UPDATE_ROLLBACK_COMPLETE, or UPDATE_ROLLBACK_FAILED when an undo step failed).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks.html
 */
export async function updateStack(op: StackOperation, prepared: PreparedStack): Promise<ResourceChange[]> {
  const stack = op.stack;
  const before = snapshotOf(stack);
  const { store, rewriteOutput } = op.runtime;
  stack.template = prepared.template.document;
  stack.parameters = prepared.parameters;
  stack.conditions = prepared.conditions;
  stack.lastUpdatedTime = op.now();
  op.setStatus('UPDATE_IN_PROGRESS', 'User Initiated');
  const done: Done[] = [];
  const changes: ResourceChange[] = [];
  try {
    for (const logicalId of prepared.graph.order) {
      if (op.runtime.cancelRequests?.delete(stack.stackName))
        throw new ResourceFailure(undefined, undefined, 'Stack update cancelled');
      const { type } = definitionOf(prepared, logicalId);
      const old = before.resources[logicalId];
      if (!old) {
        await createResource(op, prepared, logicalId, 'create');
        done.push({ kind: 'create', logicalId });
        changes.push({ logicalId, resourceType: type, action: 'Add' });
        continue;
      }
      const props = resolveOrFail(op, prepared, logicalId, type, old.physicalId);
      const decision = decideChange(old, type, props, op.provider(type));
      if (decision === 'none') continue;
      if (decision === 'update') await updateResource(op, old, props);
      else {
        await createResource(op, prepared, logicalId, 'replace', props);
        stack.pendingCleanup.push(old);
      }
      done.push({ kind: decision, logicalId, previous: old });
      changes.push({ logicalId, resourceType: type, action: decision === 'update' ? 'Modify' : 'Replace' });
    }
    if (op.runtime.cancelRequests?.delete(stack.stackName))
      throw new ResourceFailure(undefined, undefined, 'Stack update cancelled');
    const outputs = resolveOutputs(prepared, op.resolutionContext(prepared), rewriteOutput, stack.stackName);
    checkExports(store, stack.stackName, outputs, before.outputs);
    stack.outputs = outputs;
    stack.imports = [...op.imports];
  } catch (error) {
    const failure =
      error instanceof ResourceFailure ? error : new ResourceFailure(undefined, ...reasonOf(error));
    await rollBack(op, before, done, failure);
    throw new DeployError(describeStack(stack), failure.logicalId, failure.property, failure.reason);
  }
  const removed = Object.keys(before.resources).filter((id) => !prepared.graph.order.includes(id));
  for (const logicalId of removed) {
    changes.push({ logicalId, resourceType: before.resources[logicalId]?.type ?? '', action: 'Remove' });
  }
  op.setStatus('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
  await cleanUp(op, before, removed);
  op.setStatus('UPDATE_COMPLETE');
  return changes;
}

/**
 * Deletes what the update left behind: removed resources and the old halves of replacements.
 * A failed delete is reported (DELETE_FAILED) and the stack still completes, as in AWS.
 */
async function cleanUp(op: StackOperation, before: StackSnapshot, removed: readonly string[]): Promise<void> {
  const oldTemplate = storedTemplate(before);
  const pending = op.stack.pendingCleanup;
  const ids = [...removed, ...pending.map((r) => r.logicalId).filter((id) => !removed.includes(id))];
  for (const logicalId of deletionOrder(before, ids)) {
    const replaced = pending.filter((r) => r.logicalId === logicalId);
    for (const record of replaced)
      await deleteResource(op, record, policyOf(oldTemplate, logicalId, 'replace'));
    const current = op.stack.resources[logicalId];
    if (removed.includes(logicalId) && current) {
      await deleteResource(op, current, policyOf(oldTemplate, logicalId, 'deletion'));
    }
  }
  op.stack.pendingCleanup = [];
}

async function rollBack(
  op: StackOperation,
  before: StackSnapshot,
  done: readonly Done[],
  failure: ResourceFailure,
): Promise<void> {
  op.setStatus(
    'UPDATE_ROLLBACK_IN_PROGRESS',
    failure.logicalId === undefined
      ? failure.reason
      : `The following resource(s) failed to update: [${failure.logicalId}].`,
  );
  const newTemplate = storedTemplate(op.stack);
  let clean = true;
  for (const step of [...done].reverse()) {
    const current = op.stack.resources[step.logicalId];
    if (!current) continue;
    try {
      if (step.kind === 'create') {
        clean =
          (await deleteResource(op, current, policyOf(newTemplate, step.logicalId, 'deletion'), true)) &&
          clean;
      } else if (step.kind === 'update') {
        const restored = await updateResource(op, current, { ...step.previous.properties });
        op.setResource({ ...restored, status: step.previous.status });
      } else {
        clean = (await deleteResource(op, current, 'Delete', true)) && clean;
        op.setResource(step.previous);
        op.stack.pendingCleanup = op.stack.pendingCleanup.filter(
          (r) => r.physicalId !== step.previous.physicalId,
        );
      }
    } catch {
      clean = false; // the FAILED event is recorded; keep undoing the rest
    }
  }
  Object.assign(op.stack, {
    template: before.template,
    parameters: before.parameters,
    conditions: before.conditions,
    outputs: before.outputs,
    imports: before.imports,
  });
  op.setStatus('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
  op.setStatus(clean ? 'UPDATE_ROLLBACK_COMPLETE' : 'UPDATE_ROLLBACK_FAILED', failure.reason);
}

/** Resolution failures of an existing resource are reported as UPDATE_FAILED on it. */
function resolveOrFail(
  op: StackOperation,
  prepared: PreparedStack,
  logicalId: string,
  type: string,
  physicalId: string,
): Record<string, unknown> {
  try {
    return resolveResource(op, prepared, logicalId);
  } catch (error) {
    const { reason, property } = explain(error);
    op.resourceEvent(logicalId, type, physicalId, 'UPDATE_FAILED', reason);
    throw new ResourceFailure(logicalId, property, reason);
  }
}

function reasonOf(error: unknown): [string | undefined, string] {
  const { reason, property } = explain(error);
  return [property, reason];
}
