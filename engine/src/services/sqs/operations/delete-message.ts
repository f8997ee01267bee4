import { checkBatchEntries, runBatch } from '../batch.ts';
import { resolveQueue, type SqsContext } from '../context.ts';
import { SQS_INPUT_CODES, sqsErrors } from '../errors.ts';
import { validateInput } from '../input-rules.ts';
import type { QueueState } from '../model.ts';
import { decodeReceipt } from '../receipt.ts';

/**
 * Deletes by receipt handle. A handle from an earlier receive of a message received again since
 * succeeds without deleting it, as SQS documents for standard queues.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html
 */
export const deleteMessageRules = {
  QueueUrl: { type: 'string', required: true },
  ReceiptHandle: { type: 'string', required: true },
} as const;

export const deleteMessageBatchRules = {
  QueueUrl: { type: 'string', required: true },
  Entries: { type: 'object[]', required: true },
} as const;

function deleteByHandle(ctx: SqsContext, queue: QueueState, handle: string): void {
  const receipt = decodeReceipt(handle);
  if (receipt.queue !== queue.name) throw sqsErrors.receiptHandleIsInvalid(handle);
  const index = queue.messages.findIndex(
    (m) => m.messageId === receipt.messageId && m.receiptToken === receipt.token,
  );
  if (index < 0) return;
  queue.messages.splice(index, 1);
  ctx.store.save(queue);
}

export function deleteMessage(ctx: SqsContext, input: unknown): Record<string, never> {
  const { QueueUrl, ReceiptHandle } = validateInput(deleteMessageRules, input, SQS_INPUT_CODES);
  deleteByHandle(ctx, resolveQueue(ctx, QueueUrl), ReceiptHandle);
  return {};
}

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessageBatch.html */
export function deleteMessageBatch(ctx: SqsContext, input: unknown) {
  const { QueueUrl, Entries } = validateInput(deleteMessageBatchRules, input, SQS_INPUT_CODES);
  const queue = resolveQueue(ctx, QueueUrl);
  checkBatchEntries(Entries);
  return runBatch(Entries, (entry) => {
    const { ReceiptHandle } = validateInput(
      { ReceiptHandle: { type: 'string', required: true } },
      entry,
      SQS_INPUT_CODES,
    );
    deleteByHandle(ctx, queue, ReceiptHandle);
    return {};
  });
}
