import { AwsError } from '../runtime/aws-error.ts';
import { whatToDo } from './deploy-error.ts';
import type { StackRecord } from './types.ts';

/**
 * Why a deploy onto this stack is refused, or undefined when it may go ahead. An
 * UPDATE_ROLLBACK_FAILED stack holds resources in an unknown mix of old and new: CloudFormation
 * refuses to update it, and so does the local one unless the caller asks to replace it.
 */
export function failedStackError(stack: StackRecord, replaceFailed: boolean): AwsError | undefined {
  if (stack.status !== 'UPDATE_ROLLBACK_FAILED' || replaceFailed) return undefined;
  return new AwsError(
    'ValidationError',
    `Stack:${stack.stackId} is in UPDATE_ROLLBACK_FAILED state and can not be updated` +
      `${stack.statusReason ? ` (${stack.statusReason})` : ''}. ${whatToDo(stack.status)}.`,
  );
}

/** States `--replace-failed` (DeployInput.replaceFailed) deletes and re-creates. */
export const REPLACEABLE: ReadonlySet<string> = new Set([
  'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED',
  'CREATE_FAILED',
  'DELETE_FAILED',
  'UPDATE_ROLLBACK_FAILED',
]);
