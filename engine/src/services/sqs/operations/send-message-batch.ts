import { parseInput } from '../../../protocol/validation.ts';
import { checkBatchEntries, runBatch } from '../batch.ts';
import { defineSqsOperation, senderOf } from '../define-operation.ts';
import { sqsValidation } from '../errors.ts';
import { resolveQueue } from '../queues.ts';
import type { SqsContext } from '../service.ts';
import { enqueue, MESSAGE_INPUT } from './send-message.ts';

const ENTRY_INPUT = { Id: { type: 'string', required: true }, ...MESSAGE_INPUT } as const;

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html */
export const sendMessageBatch = (ctx: SqsContext) =>
  defineSqsOperation({
    input: {
      QueueUrl: { type: 'string', required: true },
      Entries: { type: 'list', required: true, member: { type: 'map' } },
    },
    handle: ({ QueueUrl, Entries }, call) => {
      const queue = resolveQueue(ctx, QueueUrl);
      checkBatchEntries(Entries);
      return runBatch(Entries, (entry) => {
        const message = parseInput(ENTRY_INPUT, entry, 'json', '', sqsValidation);
        return enqueue(ctx, queue, message, senderOf(call));
      });
    },
  });
