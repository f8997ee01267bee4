import { resolveQueue, type SqsContext } from '../context.ts';
import { SQS_INPUT_CODES, sqsErrors } from '../errors.ts';
import { validateInput } from '../input-rules.ts';

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html */
export const purgeQueueRules = { QueueUrl: { type: 'string', required: true } } as const;

const PURGE_INTERVAL_MS = 60_000;

export function purgeQueue(ctx: SqsContext, input: unknown): Record<string, never> {
  const { QueueUrl } = validateInput(purgeQueueRules, input, SQS_INPUT_CODES);
  const queue = resolveQueue(ctx, QueueUrl);
  const now = ctx.clock.now();
  if (queue.lastPurgedAt !== undefined && now - queue.lastPurgedAt < PURGE_INTERVAL_MS) {
    throw sqsErrors.purgeQueueInProgress(queue.name);
  }
  queue.messages = [];
  queue.lastPurgedAt = now;
  ctx.store.save(queue);
  return {};
}
