import {
  defineOperation,
  type OperationSpec,
  type RequestContext,
  type TypedOperation,
} from '../../protocol/operation.ts';
import type { InputSchema } from '../../protocol/validation.ts';
import { sqsValidation } from './errors.ts';
import { requestedQueueName } from './queues.ts';

/**
 * `defineOperation` with what every SQS operation shares: SQS's validation answers (the first
 * problem, MissingParameter or InvalidParameterValue) and the queue the request names as the IAM
 * resource (`arn:aws:sqs:<region>:<account>:<name>`).
 */
export function defineSqsOperation<const S extends InputSchema, R>(
  spec: Omit<OperationSpec<S, R>, 'validation' | 'resource'>,
): TypedOperation<S, R> {
  return defineOperation({
    ...spec,
    validation: sqsValidation,
    resource: (input, request) =>
      `arn:aws:sqs:${request.region}:${request.accountId}:${requestedQueueName(input)}`,
  });
}

/** The SenderId a message records: the calling role, or the account for root callers. */
export const senderOf = (request: RequestContext): string => request.caller.roleArn ?? request.accountId;
