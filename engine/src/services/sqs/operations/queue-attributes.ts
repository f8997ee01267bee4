import {
  COMPUTED_ATTRIBUTES,
  checkAttributes,
  effectiveAttributes,
  SETTABLE_ATTRIBUTES,
} from '../attributes.ts';
import { defineSqsOperation } from '../define-operation.ts';
import { sqsErrors } from '../errors.ts';
import type { QueueState } from '../model.ts';
import { queueArn, resolveQueue } from '../queues.ts';
import type { SqsContext } from '../service.ts';

/**
 * GetQueueAttributes and SetQueueAttributes.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 */
export const getQueueAttributes = (ctx: SqsContext) =>
  defineSqsOperation({
    input: {
      QueueUrl: { type: 'string', required: true },
      AttributeNames: { type: 'list', member: { type: 'string' } },
    },
    handle: (input) => getAttributes(ctx, input),
  });

export const setQueueAttributes = (ctx: SqsContext) =>
  defineSqsOperation({
    input: {
      QueueUrl: { type: 'string', required: true },
      Attributes: { type: 'map', required: true },
    },
    handle: (input) => setAttributes(ctx, input),
  });

/** Message counts as SQS reports them: visible, in flight (received, not yet visible), delayed (never received). */
export function messageCounts(
  queue: QueueState,
  now: number,
): { visible: number; inFlight: number; delayed: number } {
  let visible = 0;
  let inFlight = 0;
  let delayed = 0;
  for (const message of queue.messages) {
    if (message.visibleAt <= now) visible++;
    else if (message.receiveCount > 0) inFlight++;
    else delayed++;
  }
  return { visible, inFlight, delayed };
}

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
