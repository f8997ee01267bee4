import { checkAttributes } from '../attributes.ts';
import { defineSqsOperation } from '../define-operation.ts';
import { resolveQueue } from '../queues.ts';
import type { SqsContext } from '../service.ts';

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html */
export const setQueueAttributes = (ctx: SqsContext) =>
  defineSqsOperation({
    input: {
      QueueUrl: { type: 'string', required: true },
      Attributes: { type: 'map', required: true },
    },
    handle: (input) => setAttributes(ctx, input),
  });

function setAttributes(
  ctx: SqsContext,
  { QueueUrl, Attributes }: { QueueUrl: string; Attributes: Record<string, unknown> },
): Record<string, never> {
  const queue = resolveQueue(ctx, QueueUrl);
  const accepted = checkAttributes(Attributes);
  const merged = { ...queue.attributes, ...accepted };
  // Choosing SSE-KMS replaces SSE-SQS and the reverse, as one queue uses one kind of SSE.
  if (accepted.KmsMasterKeyId) delete merged.SqsManagedSseEnabled;
  if (accepted.SqsManagedSseEnabled === 'true') delete merged.KmsMasterKeyId;
  queue.attributes = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== ''));
  queue.lastModifiedAt = ctx.clock.now();
  ctx.store.save(queue);
  ctx.signals.signal(queue.name);
  return {};
}
