import { defineSqsOperation } from '../define-operation.ts';
import { sqsErrors } from '../errors.ts';
import { queueUrl } from '../queues.ts';
import type { SqsContext } from '../service.ts';

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueUrl.html */
export const getQueueUrl = (ctx: SqsContext) =>
  defineSqsOperation({
    input: {
      QueueName: { type: 'string', required: true },
      QueueOwnerAWSAccountId: { type: 'string' },
    },
    handle: ({ QueueName, QueueOwnerAWSAccountId }): { QueueUrl: string } => {
      const owner = QueueOwnerAWSAccountId ?? ctx.account.accountId;
      if (owner !== ctx.account.accountId || !ctx.store.find(QueueName))
        throw sqsErrors.queueDoesNotExist(QueueName);
      return { QueueUrl: queueUrl(ctx, QueueName) };
    },
  });
