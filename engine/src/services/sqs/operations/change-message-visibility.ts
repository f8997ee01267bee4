import { resolveQueue, type SqsContext } from '../context.ts';
import { SQS_INPUT_CODES, sqsErrors } from '../errors.ts';
import { validateInput } from '../input-rules.ts';
import { decodeReceipt } from '../receipt.ts';

/**
 * Restarts a received message's visibility timeout from now; 0 makes it visible at once.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html
 */
export const changeMessageVisibilityRules = {
  QueueUrl: { type: 'string', required: true },
  ReceiptHandle: { type: 'string', required: true },
  VisibilityTimeout: { type: 'integer', required: true, min: 0, max: 43_200 },
} as const;

export function changeMessageVisibility(ctx: SqsContext, input: unknown): Record<string, never> {
  const { QueueUrl, ReceiptHandle, VisibilityTimeout } = validateInput(
    changeMessageVisibilityRules,
    input,
    SQS_INPUT_CODES,
  );
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
