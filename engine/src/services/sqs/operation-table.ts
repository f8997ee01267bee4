import type { JsonServiceEntry } from '../../protocol/service-entry.ts';
import { SQS_QUERY_ERROR_CODES } from './errors.ts';
import { changeMessageVisibility } from './operations/change-message-visibility.ts';
import { createQueue } from './operations/create-queue.ts';
import { deleteMessage } from './operations/delete-message.ts';
import { deleteMessageBatch } from './operations/delete-message-batch.ts';
import { deleteQueue } from './operations/delete-queue.ts';
import { getQueueAttributes } from './operations/get-queue-attributes.ts';
import { getQueueUrl } from './operations/get-queue-url.ts';
import { listQueues } from './operations/list-queues.ts';
import { purgeQueue } from './operations/purge-queue.ts';
import { receiveMessage } from './operations/receive-message.ts';
import { sendMessage } from './operations/send-message.ts';
import { sendMessageBatch } from './operations/send-message-batch.ts';
import { setQueueAttributes } from './operations/set-queue-attributes.ts';
import type { SqsContext, SqsService } from './service.ts';

/**
 * AWS operation name → operation, each with its input rules. Names absent here are not emulated:
 * the edge answers UnknownOperationException.
 */
export const sqsOperationTable = (ctx: SqsContext) => ({
  CreateQueue: createQueue(ctx),
  DeleteQueue: deleteQueue(ctx),
  GetQueueUrl: getQueueUrl(ctx),
  ListQueues: listQueues(ctx),
  GetQueueAttributes: getQueueAttributes(ctx),
  SetQueueAttributes: setQueueAttributes(ctx),
  SendMessage: sendMessage(ctx),
  SendMessageBatch: sendMessageBatch(ctx),
  ReceiveMessage: receiveMessage(ctx),
  DeleteMessage: deleteMessage(ctx),
  DeleteMessageBatch: deleteMessageBatch(ctx),
  ChangeMessageVisibility: changeMessageVisibility(ctx),
  PurgeQueue: purgeQueue(ctx),
});

export type SqsOperationTable = ReturnType<typeof sqsOperationTable>;
export type SqsOperationName = keyof SqsOperationTable;

/**
 * SQS on the AWS endpoint: AWS JSON 1.0 (`X-Amz-Target: AmazonSQS.<Operation>`), with the older
 * query-protocol codes in `x-amzn-query-error` for clients that map errors by those names.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-json.html
 */
export const sqsServiceEntry = (sqs: SqsService): JsonServiceEntry => ({
  kind: 'json',
  iamPrefix: 'sqs',
  protocol: {
    version: '1.0',
    targetPrefixes: ['AmazonSQS'],
    errorNamespace: 'com.amazonaws.sqs',
    queryCompatibleCodes: SQS_QUERY_ERROR_CODES,
  },
  operations: sqs.operations,
});
