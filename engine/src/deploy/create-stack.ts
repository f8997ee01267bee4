import { DeployError } from './deploy-error.ts';
import type { StackOperation } from './operation.ts';
import { checkExports, resolveOutputs } from './outputs.ts';
import type { PreparedStack } from './prepare.ts';
import { createResource, deleteResource, explain, ResourceFailure } from './resource-steps.ts';
import type { ResourceChange } from './types.ts';
import { describeStack } from './views.ts';

/**
 * Creates every resource in dependency order, then the outputs and exports. On any failure the
 * resources created so far are deleted in reverse order (ROLLBACK_COMPLETE, or ROLLBACK_FAILED if
 * a delete failed) and a `DeployError` names the failing resource, property and reason.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stack-failure-options.html
 */
export async function createStack(op: StackOperation, prepared: PreparedStack): Promise<ResourceChange[]> {
  const { store, rewriteOutput } = op.runtime;
  op.setStatus('CREATE_IN_PROGRESS', 'User Initiated');
  const created: string[] = [];
  try {
    for (const logicalId of prepared.graph.order) {
      await createResource(op, prepared, logicalId, 'create');
      created.push(logicalId);
    }
    const outputs = resolveOutputs(
      prepared,
      op.resolutionContext(prepared),
      rewriteOutput,
      op.stack.stackName,
    );
    checkExports(store, op.stack.stackName, outputs, []);
    op.stack.outputs = outputs;
    op.stack.imports = [...op.imports];
    op.setStatus('CREATE_COMPLETE');
    return created.map((logicalId) => ({
      logicalId,
      resourceType: op.stack.resources[logicalId]?.type ?? '',
      action: 'Add' as const,
    }));
  } catch (error) {
    const failure =
      error instanceof ResourceFailure ? error : new ResourceFailure(undefined, ...reasonOf(error));
    const what = failure.logicalId === undefined ? failure.reason : `[${failure.logicalId}]`;
    op.setStatus(
      'ROLLBACK_IN_PROGRESS',
      `The following resource(s) failed to create: ${what}. Rollback requested by user.`,
    );
    let clean = true;
    for (const logicalId of [...created].reverse()) {
      const record = op.stack.resources[logicalId];
      if (!record) continue;
      const policy =
        prepared.template.resources.find((r) => r.logicalId === logicalId)?.deletionPolicy ?? 'Delete';
      clean = (await deleteResource(op, record, policy, true)) && clean;
    }
    op.stack.outputs = [];
    op.stack.imports = [];
    op.setStatus(clean ? 'ROLLBACK_COMPLETE' : 'ROLLBACK_FAILED', failure.reason);
    throw new DeployError(describeStack(op.stack), failure.logicalId, failure.property, failure.reason);
  }
}

function reasonOf(error: unknown): [string | undefined, string] {
  const { reason, property } = explain(error);
  return [property, reason];
}
