import { deletionOrder, policyOf, storedTemplate } from './deletion-order.ts';
import type { StackOperation } from './operation.ts';
import { deleteResource } from './resource-steps.ts';

/**
 * Deletes a stack's resources, dependents first; DeletionPolicy Retain keeps a resource
 * (DELETE_SKIPPED). Returns false, leaving DELETE_FAILED and the undeleted resources recorded,
 * when a provider failed; otherwise the stack ends DELETE_COMPLETE.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html
 */
export async function deleteStackResources(op: StackOperation): Promise<boolean> {
  const stack = op.stack;
  op.setStatus('DELETE_IN_PROGRESS', 'User Initiated');
  const template = storedTemplate(stack);
  let clean = true;
  for (const record of [...stack.pendingCleanup].reverse()) {
    const ok = await deleteResource(op, record, policyOf(template, record.logicalId, 'replace'));
    if (ok) stack.pendingCleanup = stack.pendingCleanup.filter((r) => r !== record);
    clean = ok && clean;
  }
  for (const logicalId of deletionOrder(stack, Object.keys(stack.resources))) {
    const record = stack.resources[logicalId];
    if (record)
      clean = (await deleteResource(op, record, policyOf(template, logicalId, 'deletion'))) && clean;
  }
  stack.outputs = clean ? [] : stack.outputs;
  if (clean) op.setStatus('DELETE_COMPLETE');
  else op.setStatus('DELETE_FAILED', `The following resource(s) failed to delete: [${failedIds(op)}].`);
  return clean;
}

function failedIds(op: StackOperation): string {
  return Object.values(op.stack.resources)
    .filter((r) => r.status === 'DELETE_FAILED')
    .map((r) => r.logicalId)
    .join(', ');
}
