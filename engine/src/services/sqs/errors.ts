import { firstProblem } from '../../protocol/validation.ts';
import { AwsError } from '../../runtime/aws-error.ts';

/**
 * SQS errors by their JSON-protocol names (what `__type` carries and the SDK's exception classes
 * are called). https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html
 */
export const sqsErrors = {
  queueDoesNotExist: (what: string) =>
    new AwsError('QueueDoesNotExist', `The specified queue does not exist: ${what}`, 400),
  queueNameExists: (name: string) =>
    new AwsError(
      'QueueNameExists',
      `A queue already exists with the same name and a different value for attribute(s): ${name}`,
      400,
    ),
  invalidAttributeName: (name: string) =>
    new AwsError('InvalidAttributeName', `Unknown Attribute ${name}.`, 400),
  invalidAttributeValue: (message: string) => new AwsError('InvalidAttributeValue', message, 400),
  invalidParameterValue: (message: string) => new AwsError('InvalidParameterValue', message, 400),
  receiptHandleIsInvalid: (handle: string) =>
    new AwsError(
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${handle}" is not a valid receipt handle.`,
      400,
    ),
  messageNotInflight: () =>
    new AwsError('MessageNotInflight', 'The message referred to is not in flight.', 400),
  invalidMessageContents: (message: string) => new AwsError('InvalidMessageContents', message, 400),
  purgeQueueInProgress: (name: string) =>
    new AwsError(
      'PurgeQueueInProgress',
      `Only one PurgeQueue operation on ${name} is allowed every 60 seconds.`,
      400,
    ),
  emptyBatchRequest: () =>
    new AwsError('EmptyBatchRequest', 'There should be at least one entry in the request.', 400),
  tooManyEntriesInBatchRequest: (count: number) =>
    new AwsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${count}.`,
      400,
    ),
  batchEntryIdsNotDistinct: (id: string) =>
    new AwsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, 400),
  invalidBatchEntryId: (id: string) =>
    new AwsError(
      'InvalidBatchEntryId',
      `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long: ${id}`,
      400,
    ),
  unsupportedOperation: (what: string) =>
    new AwsError('UnsupportedOperation', `TapStack's local SQS does not support ${what}.`, 400),
} as const;

/** How SQS answers invalid request members: the first problem, MissingParameter or InvalidParameterValue. */
export const sqsValidation = firstProblem({
  invalid: 'InvalidParameterValue',
  missing: 'MissingParameter',
  mapName: 'record',
});

/**
 * The query-protocol code SQS also sends (`x-amzn-query-error: <code>;Sender`) for clients that
 * map errors by their older names; the JSON protocol layer adds the header from this table.
 */
export const SQS_QUERY_ERROR_CODES: Readonly<Record<string, string>> = {
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueNameExists: 'QueueAlreadyExists',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
  PurgeQueueInProgress: 'AWS.SimpleQueueService.PurgeQueueInProgress',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
};
