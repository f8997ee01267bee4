import { resolveQueue, type SqsContext } from '../context.ts';
import { SQS_INPUT_CODES } from '../errors.ts';
import { validateInput } from '../input-rules.ts';

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteQueue.html */
export const deleteQueueRules = { QueueUrl: { type: 'string', required: true } } as const;

export function deleteQueue(ctx: SqsContext, input: unknown): Record<string, never> {
  const { QueueUrl } = validateInput(deleteQueueRules, input, SQS_INPUT_CODES);
  const queue = resolveQueue(ctx, QueueUrl);
  ctx.store.remove(queue.name);
  ctx.signals.signal(queue.name);
  return {};
}
