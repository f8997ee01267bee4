import { checkBatchEntries, runBatch } from '../batch.ts';
import { resolveQueue, type SqsContext } from '../context.ts';
import { SQS_INPUT_CODES } from '../errors.ts';
import { validateInput } from '../input-rules.ts';
import { enqueue, type MessageToSend, sendMessageRules } from './send-message.ts';

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html */
export const sendMessageBatchRules = {
  QueueUrl: { type: 'string', required: true },
  Entries: { type: 'object[]', required: true },
} as const;

const { QueueUrl: _url, ...entryRules } = sendMessageRules;
const ENTRY_RULES = { Id: { type: 'string', required: true }, ...entryRules } as const;

export function sendMessageBatch(ctx: SqsContext, input: unknown, senderId?: string) {
  const { QueueUrl, Entries } = validateInput(sendMessageBatchRules, input, SQS_INPUT_CODES);
  const queue = resolveQueue(ctx, QueueUrl);
  checkBatchEntries(Entries);
  return runBatch(Entries, (entry) => {
    const message: MessageToSend = validateInput(ENTRY_RULES, entry, SQS_INPUT_CODES);
    return enqueue(ctx, queue, message, senderId);
  });
}
