import { queueUrl, type SqsContext } from '../context.ts';
import { SQS_INPUT_CODES, sqsErrors } from '../errors.ts';
import { validateInput } from '../input-rules.ts';

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueUrl.html */
export const getQueueUrlRules = {
  QueueName: { type: 'string', required: true },
  QueueOwnerAWSAccountId: { type: 'string' },
} as const;

export function getQueueUrl(ctx: SqsContext, input: unknown): { QueueUrl: string } {
  const { QueueName, QueueOwnerAWSAccountId } = validateInput(getQueueUrlRules, input, SQS_INPUT_CODES);
  const owner = QueueOwnerAWSAccountId ?? ctx.account.accountId;
  if (owner !== ctx.account.accountId || !ctx.store.find(QueueName))
    throw sqsErrors.queueDoesNotExist(QueueName);
  return { QueueUrl: queueUrl(ctx, QueueName) };
}
