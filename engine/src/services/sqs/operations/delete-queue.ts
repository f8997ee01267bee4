import { defineSqsOperation } from '../define-operation.ts';
import { resolveQueue } from '../queues.ts';
import type { SqsContext } from '../service.ts';

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteQueue.html */
export const deleteQueue = (ctx: SqsContext) =>
  defineSqsOperation({
    input: { QueueUrl: { type: 'string', required: true } },
    handle: ({ QueueUrl }): Record<string, never> => {
      const queue = resolveQueue(ctx, QueueUrl);
      ctx.store.remove(queue.name);
      ctx.signals.signal(queue.name);
      return {};
    },
  });
