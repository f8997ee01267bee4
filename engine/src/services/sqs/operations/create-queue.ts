import { checkAttributes, effectiveAttributes } from '../attributes.ts';
import { defineSqsOperation } from '../define-operation.ts';
import { sqsErrors } from '../errors.ts';
import { checkQueueName } from '../queue-name.ts';
import { queueUrl } from '../queues.ts';
import type { SqsContext } from '../service.ts';

/**
 * Idempotent: naming an existing queue with attributes equal to its current values returns its
 * URL; any differing attribute is QueueNameExists (QueueAlreadyExists in the query protocol).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
 */
export const createQueue = (ctx: SqsContext) =>
  defineSqsOperation({
    input: {
      QueueName: { type: 'string', required: true },
      Attributes: { type: 'map' },
      tags: { type: 'map' },
    },
    handle: (input) => create(ctx, input),
  });

function create(
  ctx: SqsContext,
  {
    QueueName,
    Attributes = {},
    tags = {},
  }: { QueueName: string; Attributes?: Record<string, unknown>; tags?: Record<string, unknown> },
): { QueueUrl: string } {
  checkQueueName(QueueName);
  const attributes = checkAttributes(Attributes);
  const existing = ctx.store.find(QueueName);
  if (existing) {
    const current = effectiveAttributes(existing);
    const differs = Object.entries(attributes).some(([name, value]) => current[name] !== value);
    if (differs) throw sqsErrors.queueNameExists(QueueName);
    return { QueueUrl: queueUrl(ctx, QueueName) };
  }
  const now = ctx.clock.now();
  ctx.store.add({
    name: QueueName,
    createdAt: now,
    lastModifiedAt: now,
    attributes,
    tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)])),
    messages: [],
  });
  return { QueueUrl: queueUrl(ctx, QueueName) };
}
