import { randomUUID } from 'node:crypto';
import { numericAttribute } from '../attributes.ts';
import { defineSqsOperation, senderOf } from '../define-operation.ts';
import { sqsErrors } from '../errors.ts';
import { md5OfAttributes, md5OfBody } from '../md5.ts';
import { checkBody, checkMessageAttributes } from '../message-attributes.ts';
import type { QueueState, StoredMessage } from '../model.ts';
import { resolveQueue } from '../queues.ts';
import type { SqsContext } from '../service.ts';

/** One message's members, shared with each SendMessageBatch entry. */
export const MESSAGE_INPUT = {
  MessageBody: { type: 'string', required: true },
  DelaySeconds: { type: 'integer', min: 0, max: 900 },
  MessageAttributes: { type: 'map' },
  MessageSystemAttributes: { type: 'map' },
  MessageDeduplicationId: { type: 'string' },
  MessageGroupId: { type: 'string' },
} as const;

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html */
export const sendMessage = (ctx: SqsContext) =>
  defineSqsOperation({
    input: { QueueUrl: { type: 'string', required: true }, ...MESSAGE_INPUT },
    handle: (request, call): SendMessageResult =>
      enqueue(ctx, resolveQueue(ctx, request.QueueUrl), request, senderOf(call)),
  });

/** One message to enqueue, as SendMessage and each SendMessageBatch entry carry it. */
export interface MessageToSend {
  readonly MessageBody: string;
  readonly DelaySeconds?: number;
  readonly MessageAttributes?: Readonly<Record<string, unknown>>;
  readonly MessageSystemAttributes?: Readonly<Record<string, unknown>>;
  readonly MessageDeduplicationId?: string;
}

export interface SendMessageResult {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
}

/** Validates and stores one message, then wakes long-polling receivers. */
export function enqueue(
  ctx: SqsContext,
  queue: QueueState,
  message: MessageToSend,
  senderId?: string,
): SendMessageResult {
  checkBody(message.MessageBody);
  if (message.MessageDeduplicationId !== undefined) {
    throw sqsErrors.invalidParameterValue(
      'The request includes a parameter that is not valid for this queue type. Reason: MessageDeduplicationId is for FIFO queues.',
    );
  }
  const { attributes, bytes } = checkMessageAttributes(message.MessageAttributes ?? {});
  const system = checkSystemAttributes(message.MessageSystemAttributes ?? {});
  const size = Buffer.byteLength(message.MessageBody) + bytes;
  const limit = numericAttribute(queue, 'MaximumMessageSize');
  if (size > limit) {
    throw sqsErrors.invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${limit} bytes.`,
    );
  }
  const now = ctx.clock.now();
  const delay = message.DelaySeconds ?? numericAttribute(queue, 'DelaySeconds');
  const stored: StoredMessage = {
    messageId: randomUUID(),
    body: message.MessageBody,
    md5OfBody: md5OfBody(message.MessageBody),
    ...(Object.keys(attributes).length > 0
      ? { messageAttributes: attributes, md5OfMessageAttributes: md5OfAttributes(attributes) as string }
      : {}),
    ...(Object.keys(system).length > 0 ? { systemAttributes: system } : {}),
    senderId: senderId ?? ctx.account.accountId,
    sentAt: now,
    visibleAt: now + delay * 1000,
    receiveCount: 0,
  };
  queue.messages.push(stored);
  ctx.store.save(queue);
  ctx.signals.signal(queue.name);
  const systemMd5 = md5OfAttributes(system);
  return {
    MessageId: stored.messageId,
    MD5OfMessageBody: stored.md5OfBody,
    ...(stored.md5OfMessageAttributes ? { MD5OfMessageAttributes: stored.md5OfMessageAttributes } : {}),
    ...(systemMd5 ? { MD5OfMessageSystemAttributes: systemMd5 } : {}),
  };
}

/** Only `AWSTraceHeader` (a String) may be set by senders. */
function checkSystemAttributes(
  raw: Readonly<Record<string, unknown>>,
): Record<string, { DataType: string; StringValue: string }> {
  const out: Record<string, { DataType: string; StringValue: string }> = {};
  for (const [name, value] of Object.entries(raw)) {
    const v = value as { DataType?: unknown; StringValue?: unknown } | null;
    if (name !== 'AWSTraceHeader' || v?.DataType !== 'String' || typeof v.StringValue !== 'string') {
      throw sqsErrors.invalidParameterValue(
        `Message system attribute '${name}' is not valid: only AWSTraceHeader of type String is supported.`,
      );
    }
    out[name] = { DataType: 'String', StringValue: v.StringValue };
  }
  return out;
}
