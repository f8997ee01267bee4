import { defineSqsOperation } from '../define-operation.ts';
import { sqsErrors } from '../errors.ts';
import { queueUrl } from '../queues.ts';
import type { SqsContext } from '../service.ts';

/**
 * Without MaxResults, up to 1,000 queues and no NextToken, as SQS does.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueues.html
 */
export const listQueues = (ctx: SqsContext) =>
  defineSqsOperation({
    input: {
      QueueNamePrefix: { type: 'string' },
      NextToken: { type: 'string' },
      MaxResults: { type: 'integer', min: 1, max: 1000 },
    },
    handle: (input) => list(ctx, input),
  });

function list(
  ctx: SqsContext,
  {
    QueueNamePrefix = '',
    NextToken,
    MaxResults,
  }: { QueueNamePrefix?: string; NextToken?: string; MaxResults?: number },
): { QueueUrls?: string[]; NextToken?: string } {
  const after = NextToken === undefined ? undefined : Buffer.from(NextToken, 'base64url').toString();
  if (NextToken !== undefined && (after === '' || MaxResults === undefined)) {
    throw sqsErrors.invalidParameterValue('Invalid NextToken value.');
  }
  const names = ctx.store
    .names()
    .filter((name) => name.startsWith(QueueNamePrefix) && (after === undefined || name > after));
  const page = names.slice(0, MaxResults ?? 1000);
  const more = MaxResults !== undefined && names.length > page.length;
  return {
    ...(page.length > 0 ? { QueueUrls: page.map((name) => queueUrl(ctx, name)) } : {}),
    ...(more ? { NextToken: Buffer.from(page[page.length - 1] as string).toString('base64url') } : {}),
  };
}
