import { numericAttribute } from '../attributes.ts';
import { defineSqsOperation } from '../define-operation.ts';
import { md5OfAttributes } from '../md5.ts';
import type { MessageAttributeValue, QueueState, StoredMessage } from '../model.ts';
import { resolveQueue, resolveQueueArn } from '../queues.ts';
import { encodeReceipt, newReceiptToken } from '../receipt.ts';
import type { SqsContext } from '../service.ts';

/**
 * Receives up to 10 visible messages, hiding each for the visibility timeout. With a wait time it
 * long-polls on the engine clock and returns as soon as at least one message is available.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
 */
const NAMES = { type: 'list', member: { type: 'string' } } as const;

export const receiveMessage = (ctx: SqsContext) =>
  defineSqsOperation({
    input: {
      QueueUrl: { type: 'string', required: true },
      MaxNumberOfMessages: { type: 'integer', min: 1, max: 10 },
      VisibilityTimeout: { type: 'integer', min: 0, max: 43_200 },
      WaitTimeSeconds: { type: 'integer', min: 0, max: 20 },
      AttributeNames: NAMES,
      MessageSystemAttributeNames: NAMES,
      MessageAttributeNames: NAMES,
      ReceiveRequestAttemptId: { type: 'string' },
    },
    handle: (request) => receive(ctx, request),
  });

interface ReceiveRequest {
  readonly QueueUrl: string;
  readonly MaxNumberOfMessages?: number;
  readonly VisibilityTimeout?: number;
  readonly WaitTimeSeconds?: number;
  readonly AttributeNames?: string[];
  readonly MessageSystemAttributeNames?: string[];
  readonly MessageAttributeNames?: string[];
}

export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: Record<string, MessageAttributeValue>;
}

async function receive(ctx: SqsContext, request: ReceiveRequest): Promise<{ Messages?: ReceivedMessage[] }> {
  const queue = resolveQueue(ctx, request.QueueUrl);
  const waitSeconds = request.WaitTimeSeconds ?? numericAttribute(queue, 'ReceiveMessageWaitTimeSeconds');
  const deadline = ctx.clock.now() + waitSeconds * 1000;
  for (;;) {
    const current = ctx.store.find(queue.name);
    if (current !== queue) return {}; // deleted while waiting
    const now = ctx.clock.now();
    ctx.store.dropExpired(queue, now);
    const taken = take(ctx, queue, request.MaxNumberOfMessages ?? 1, request.VisibilityTimeout, now);
    if (taken.length > 0) {
      const systemNames = [...(request.AttributeNames ?? []), ...(request.MessageSystemAttributeNames ?? [])];
      return {
        Messages: taken.map((m) => present(m, systemNames, request.MessageAttributeNames ?? [], queue.name)),
      };
    }
    if (now >= deadline || ctx.signals.closed) return {};
    // Wake when a message is sent, or when a delayed or in-flight message becomes visible.
    const nextVisible = Math.min(...queue.messages.map((m) => m.visibleAt).filter((t) => t > now));
    await ctx.signals.wait(queue.name, Math.min(deadline, nextVisible) - now);
  }
}

function take(
  ctx: SqsContext,
  queue: QueueState,
  max: number,
  visibilityTimeout: number | undefined,
  now: number,
): StoredMessage[] {
  const timeoutMs = (visibilityTimeout ?? numericAttribute(queue, 'VisibilityTimeout')) * 1000;
  const redrive = redrivePolicy(queue);
  const taken: StoredMessage[] = [];
  for (const message of [...queue.messages]) {
    if (taken.length >= max) break;
    if (message.visibleAt > now) continue;
    if (
      redrive &&
      message.receiveCount >= redrive.maxReceiveCount &&
      moveToDeadLetterQueue(ctx, queue, message, redrive.arn)
    ) {
      continue;
    }
    message.receiveCount++;
    message.firstReceivedAt ??= now;
    message.visibleAt = now + timeoutMs;
    message.receiptToken = newReceiptToken();
    taken.push(message);
  }
  if (taken.length > 0) ctx.store.save(queue);
  return taken;
}

function redrivePolicy(queue: QueueState): { arn: string; maxReceiveCount: number } | undefined {
  const text = queue.attributes.RedrivePolicy;
  if (!text) return undefined;
  const policy = JSON.parse(text) as { deadLetterTargetArn: string; maxReceiveCount: number | string };
  return { arn: policy.deadLetterTargetArn, maxReceiveCount: Number(policy.maxReceiveCount) };
}

/** Moves a message past maxReceiveCount to the dead-letter queue; false when that queue is gone. */
function moveToDeadLetterQueue(
  ctx: SqsContext,
  source: QueueState,
  message: StoredMessage,
  arn: string,
): boolean {
  let target: QueueState;
  try {
    target = resolveQueueArn(ctx, arn);
  } catch {
    return false;
  }
  source.messages = source.messages.filter((m) => m !== message);
  const { receiptToken: _token, ...rest } = message;
  target.messages.push({ ...rest, visibleAt: ctx.clock.now() });
  ctx.store.save(source);
  ctx.store.save(target);
  ctx.signals.signal(target.name);
  return true;
}

const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'AWSTraceHeader',
];

function present(
  message: StoredMessage,
  systemNames: readonly string[],
  attributeNames: readonly string[],
  queue: string,
): ReceivedMessage {
  const system: Record<string, string | undefined> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
    AWSTraceHeader: message.systemAttributes?.AWSTraceHeader?.StringValue,
  };
  const wantedSystem = systemNames.includes('All') ? SYSTEM_ATTRIBUTES : systemNames;
  const attributes = Object.fromEntries(
    wantedSystem.filter((n) => system[n] !== undefined).map((n) => [n, system[n] as string]),
  );
  const messageAttributes = selectAttributes(message.messageAttributes ?? {}, attributeNames);
  const md5 = md5OfAttributes(messageAttributes);
  return {
    MessageId: message.messageId,
    ReceiptHandle: encodeReceipt({
      queue,
      messageId: message.messageId,
      token: message.receiptToken as string,
    }),
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    ...(md5 ? { MD5OfMessageAttributes: md5, MessageAttributes: messageAttributes } : {}),
  };
}

/** `All` or `.*` selects every attribute, `prefix.*` those under the prefix, other names exactly. */
function selectAttributes(
  all: Readonly<Record<string, MessageAttributeValue>>,
  names: readonly string[],
): Record<string, MessageAttributeValue> {
  const wanted = (name: string): boolean =>
    names.some(
      (n) => n === 'All' || n === '.*' || n === name || (n.endsWith('.*') && name.startsWith(n.slice(0, -1))),
    );
  return Object.fromEntries(Object.entries(all).filter(([name]) => wanted(name)));
}
