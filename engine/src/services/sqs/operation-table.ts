import type { SqsContext } from './context.ts';
import { changeMessageVisibility } from './operations/change-message-visibility.ts';
import { createQueue } from './operations/create-queue.ts';
import { deleteMessage, deleteMessageBatch } from './operations/delete-message.ts';
import { deleteQueue } from './operations/delete-queue.ts';
import { getQueueUrl } from './operations/get-queue-url.ts';
import { listQueues } from './operations/list-queues.ts';
import { purgeQueue } from './operations/purge-queue.ts';
import { getQueueAttributes, setQueueAttributes } from './operations/queue-attributes.ts';
import { receiveMessage } from './operations/receive-message.ts';
import { sendMessage } from './operations/send-message.ts';
import { sendMessageBatch } from './operations/send-message-batch.ts';

type OperationFunction = (ctx: SqsContext, input: unknown, senderId?: string) => unknown;

/** AWS operation name → implementation; each validates its own input against its declared rules. */
export const OPERATION_TABLE = {
  CreateQueue: createQueue,
  DeleteQueue: deleteQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibility,
  PurgeQueue: purgeQueue,
} as const satisfies Record<string, OperationFunction>;

export type SqsOperationName = keyof typeof OPERATION_TABLE;

export const isSqsOperationName = (name: string): name is SqsOperationName =>
  Object.hasOwn(OPERATION_TABLE, name);
