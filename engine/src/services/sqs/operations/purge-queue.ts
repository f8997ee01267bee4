import { defineSqsOperation } from '../define-operation.ts';
import { sqsErrors } from '../errors.ts';
import { resolveQueue } from '../queues.ts';
import type { SqsContext } from '../service.ts';

const PURGE_INTERVAL_MS = 60_000;

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html */
export const purgeQueue = (ctx: SqsContext) =>
  defineSqsOperation({
    input: { QueueUrl: { type: 'string', required: true } },
    handle: ({ QueueUrl }): Record<string, never> => {
      const queue = resolveQueue(ctx, QueueUrl);
      const now = ctx.clock.now();
      if (queue.lastPurgedAt !== undefined && now - queue.lastPurgedAt < PURGE_INTERVAL_MS) {
        throw sqsErrors.purgeQueueInProgress(queue.name);
      }
      queue.messages = [];
      queue.lastPurgedAt = now;
      ctx.store.save(queue);
      return {};
    },
  });
