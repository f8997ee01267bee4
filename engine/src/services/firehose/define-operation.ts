import { defineOperation, type OperationSpec, type TypedOperation } from '../../protocol/operation.ts';
import type { InputSchema } from '../../protocol/validation.ts';
import { firehoseValidation } from './errors.ts';

/**
 * `defineOperation` with what every Firehose operation shares: Firehose's validation answers (the
 * first problem, InvalidArgumentException) and the stream the request names as the IAM resource
 * (`arn:aws:firehose:<region>:<account>:deliverystream/<name>`).
 */
export function defineFirehoseOperation<const S extends InputSchema, R>(
  spec: Omit<OperationSpec<S, R>, 'validation' | 'resource'>,
): TypedOperation<S, R> {
  return defineOperation({
    ...spec,
    validation: firehoseValidation,
    resource: (input, request) =>
      `arn:aws:firehose:${request.region}:${request.accountId}:deliverystream/${streamNameOf(input)}`,
  });
}

const streamNameOf = (input: object): string =>
  'DeliveryStreamName' in input && input.DeliveryStreamName !== undefined
    ? String(input.DeliveryStreamName)
    : '*';
