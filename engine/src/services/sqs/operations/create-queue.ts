import { checkAttributes, effectiveAttributes } from '../attributes.ts';
import { queueUrl, type SqsContext } from '../context.ts';
import { SQS_INPUT_CODES, sqsErrors } from '../errors.ts';
import { validateInput } from '../input-rules.ts';
import { checkQueueName } from '../queue-name.ts';

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html */
export const createQueueRules = {
  QueueName: { type: 'string', required: true },
  Attributes: { type: 'record' },
  tags: { type: 'record' },
} as const;

/**
 * Idempotent: naming an existing queue with attributes equal to its current values returns its
 * URL; any differing attribute is QueueNameExists (QueueAlreadyExists in the query protocol).
 */
export function createQueue(ctx: SqsContext, input: unknown): { QueueUrl: string } {
  const { QueueName, Attributes = {}, tags = {} } = validateInput(createQueueRules, input, SQS_INPUT_CODES);
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
