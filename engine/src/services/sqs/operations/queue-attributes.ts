import {
  COMPUTED_ATTRIBUTES,
  checkAttributes,
  effectiveAttributes,
  SETTABLE_ATTRIBUTES,
} from '../attributes.ts';
import { queueArn, resolveQueue, type SqsContext } from '../context.ts';
import { SQS_INPUT_CODES, sqsErrors } from '../errors.ts';
import { validateInput } from '../input-rules.ts';
import type { QueueState } from '../model.ts';

/**
 * GetQueueAttributes and SetQueueAttributes.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 */
export const getQueueAttributesRules = {
  QueueUrl: { type: 'string', required: true },
  AttributeNames: { type: 'string[]' },
} as const;

export const setQueueAttributesRules = {
  QueueUrl: { type: 'string', required: true },
  Attributes: { type: 'record', required: true },
} as const;

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

export function getQueueAttributes(ctx: SqsContext, input: unknown): { Attributes?: Record<string, string> } {
  const { QueueUrl, AttributeNames = [] } = validateInput(getQueueAttributesRules, input, SQS_INPUT_CODES);
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

export function setQueueAttributes(ctx: SqsContext, input: unknown): Record<string, never> {
  const { QueueUrl, Attributes } = validateInput(setQueueAttributesRules, input, SQS_INPUT_CODES);
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
