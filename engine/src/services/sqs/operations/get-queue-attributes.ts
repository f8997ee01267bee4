import { COMPUTED_ATTRIBUTES, effectiveAttributes, SETTABLE_ATTRIBUTES } from '../attributes.ts';
import { defineSqsOperation } from '../define-operation.ts';
import { sqsErrors } from '../errors.ts';
import { messageCounts } from '../message-counts.ts';
import type { QueueState } from '../model.ts';
import { queueArn, resolveQueue } from '../queues.ts';
import type { SqsContext } from '../service.ts';

/**
 * The stored attributes with the computed ones (ARN, counts, timestamps); `All` names every one.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html
 */
export const getQueueAttributes = (ctx: SqsContext) =>
  defineSqsOperation({
    input: {
      QueueUrl: { type: 'string', required: true },
      AttributeNames: { type: 'list', member: { type: 'string' } },
    },
    handle: (input) => getAttributes(ctx, input),
  });

const seconds = (ms: number): string => String(Math.floor(ms / 1000));

function allAttributes(ctx: SqsContext, queue: QueueState): Record<string, string> {
  const counts = messageCounts(queue, ctx.clock.now());
  return {
    QueueArn: queueArn(ctx, queue.name),
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: seconds(queue.createdAt),
    LastModifiedTimestamp: seconds(queue.lastModifiedAt),
    ...effectiveAttributes(queue),
  };
}

function getAttributes(
  ctx: SqsContext,
  { QueueUrl, AttributeNames = [] }: { QueueUrl: string; AttributeNames?: string[] },
): { Attributes?: Record<string, string> } {
  const queue = resolveQueue(ctx, QueueUrl);
  ctx.store.dropExpired(queue, ctx.clock.now());
  const known: readonly string[] = [...COMPUTED_ATTRIBUTES, ...Object.keys(SETTABLE_ATTRIBUTES)];
  for (const name of AttributeNames) {
    if (name !== 'All' && !known.includes(name)) throw sqsErrors.invalidAttributeName(name);
  }
  const all = allAttributes(ctx, queue);
  const wanted = AttributeNames.includes('All') ? Object.keys(all) : AttributeNames;
  const selected = Object.fromEntries(
    wanted.filter((n) => all[n] !== undefined).map((n) => [n, all[n] as string]),
  );
  return Object.keys(selected).length > 0 ? { Attributes: selected } : {};
}
