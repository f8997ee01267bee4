import { parseInput } from '../../../protocol/validation.ts';
import { checkBatchEntries, runBatch } from '../batch.ts';
import { defineSqsOperation } from '../define-operation.ts';
import { sqsValidation } from '../errors.ts';
import { resolveQueue } from '../queues.ts';
import type { SqsContext } from '../service.ts';
import { deleteByHandle } from './delete-message.ts';

const ENTRY_INPUT = { ReceiptHandle: { type: 'string', required: true } } as const;

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessageBatch.html */
export const deleteMessageBatch = (ctx: SqsContext) =>
  defineSqsOperation({
    input: {
      QueueUrl: { type: 'string', required: true },
      Entries: { type: 'list', required: true, member: { type: 'map' } },
    },
    handle: ({ QueueUrl, Entries }) => {
      const queue = resolveQueue(ctx, QueueUrl);
      checkBatchEntries(Entries);
      return runBatch(Entries, (entry) => {
        const { ReceiptHandle } = parseInput(ENTRY_INPUT, entry, 'json', '', sqsValidation);
        deleteByHandle(ctx, queue, ReceiptHandle);
        return {};
      });
    },
  });
