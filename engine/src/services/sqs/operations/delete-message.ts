import { defineSqsOperation } from '../define-operation.ts';
import { sqsErrors } from '../errors.ts';
import type { QueueState } from '../model.ts';
import { resolveQueue } from '../queues.ts';
import { decodeReceipt } from '../receipt.ts';
import type { SqsContext } from '../service.ts';

/**
 * Deletes by receipt handle. A handle from an earlier receive of a message received again since
 * succeeds without deleting it, as SQS documents for standard queues.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html
 */
export const deleteMessage = (ctx: SqsContext) =>
  defineSqsOperation({
    input: {
      QueueUrl: { type: 'string', required: true },
      ReceiptHandle: { type: 'string', required: true },
    },
    handle: ({ QueueUrl, ReceiptHandle }): Record<string, never> => {
      deleteByHandle(ctx, resolveQueue(ctx, QueueUrl), ReceiptHandle);
      return {};
    },
  });

export function deleteByHandle(ctx: SqsContext, queue: QueueState, handle: string): void {
  const receipt = decodeReceipt(handle);
  if (receipt.queue !== queue.name) throw sqsErrors.receiptHandleIsInvalid(handle);
  const index = queue.messages.findIndex(
    (m) => m.messageId === receipt.messageId && m.receiptToken === receipt.token,
  );
  if (index < 0) return;
  queue.messages.splice(index, 1);
  ctx.store.save(queue);
}
