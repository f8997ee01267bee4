/** The stack of a name that is not deleted (REVIEW_IN_PROGRESS included), if any. */
import type { CloudFormationService } from './service.ts';
import type { StackRecord } from './stack-reader.ts';

export async function liveStack(
  api: CloudFormationService,
  nameOrId: string,
): Promise<StackRecord | undefined> {
  const stacks = (await api.reader.listStacks()).filter((s) => s.status !== 'DELETE_COMPLETE');
  return stacks.find((s) => s.stackId === nameOrId) ?? stacks.find((s) => s.stackName === nameOrId);
}

/** Statuses from which a stack accepts an update (UpdateStack, an UPDATE change set). */
export const UPDATABLE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE']);
