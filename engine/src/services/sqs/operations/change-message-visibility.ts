import { defineSqsOperation } from '../define-operation.ts';
import { sqsErrors } from '../errors.ts';
import { resolveQueue } from '../queues.ts';
import { decodeReceipt } from '../receipt.ts';
import type { SqsContext } from '../service.ts';

/**
 * Restarts a received message's visibility timeout from now; 0 makes it visible at once.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html
 */
export const changeMessageVisibility = (ctx: SqsContext) =>
  defineSqsOperation({
    input: {
      QueueUrl: { type: 'string', required: true },
      ReceiptHandle: { type: 'string', required: true },
      VisibilityTimeout: { type: 'integer', required: true, min: 0, max: 43_200 },
    },
    handle: (input): Record<string, never> => changeVisibility(ctx, input),
  });

function changeVisibility(
  ctx: SqsContext,
  {
    QueueUrl,
    ReceiptHandle,
    VisibilityTimeout,
  }: { QueueUrl: string; ReceiptHandle: string; VisibilityTimeout: number },
): Record<string, never> {
  const queue = resolveQueue(ctx, QueueUrl);
  const receipt = decodeReceipt(ReceiptHandle);
  if (receipt.queue !== queue.name) throw sqsErrors.receiptHandleIsInvalid(ReceiptHandle);
  const now = ctx.clock.now();
  const message = queue.messages.find((m) => m.messageId === receipt.messageId);
  if (!message || message.receiptToken !== receipt.token || message.visibleAt <= now) {
    throw sqsErrors.messageNotInflight();
  }
  message.visibleAt = now + VisibilityTimeout * 1000;
  ctx.store.save(queue);
  if (VisibilityTimeout === 0) ctx.signals.signal(queue.name);
  return {};
}
