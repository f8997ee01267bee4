import { arn } from '../../runtime/account.ts';
import { arnResourceName, queueNameOfUrl } from '../../runtime/arn.ts';
import { sqsErrors } from './errors.ts';
import type { QueueState } from './model.ts';
import type { SqsContext } from './service.ts';

/**
 * Queue URLs are `<endpoint>/<account>/<name>`: the SDK sends requests to the QueueUrl's origin, so
 * the URL must point at the local endpoint rather than `https://sqs.<region>.amazonaws.com`.
 */
export const queueUrl = (ctx: SqsContext, name: string): string =>
  `${ctx.endpointUrl()}/${ctx.account.accountId}/${name}`;

export const queueArn = (ctx: SqsContext, name: string): string => arn(ctx.account, 'sqs', name);

/**
 * The queue a QueueUrl names. Only the path (`/<account>/<name>`) is read, so URLs stay valid when
 * the endpoint's port changes between runs.
 */
export function resolveQueue(ctx: SqsContext, url: string): QueueState {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const [account, name, ...rest] = path.split('/').filter((p) => p !== '');
  const queue =
    account === ctx.account.accountId && name && rest.length === 0 ? ctx.store.find(name) : undefined;
  if (!queue) throw sqsErrors.queueDoesNotExist(url);
  return queue;
}

/** The queue an ARN names (redrive targets, Lambda dead-letter targets). */
export function resolveQueueArn(ctx: SqsContext, queueArnValue: string): QueueState {
  const name = arnResourceName(queueArnValue);
  const queue = queueArnValue === queueArn(ctx, name) ? ctx.store.find(name) : undefined;
  if (!queue) throw sqsErrors.queueDoesNotExist(queueArnValue);
  return queue;
}

/** The name in a QueueUrl or QueueName member, for the IAM resource of a request (`*` when absent). */
export function requestedQueueName(input: object): string {
  if ('QueueUrl' in input && typeof input.QueueUrl === 'string' && input.QueueUrl !== '')
    return queueNameOfUrl(input.QueueUrl);
  return 'QueueName' in input && input.QueueName !== undefined ? String(input.QueueName) : '*';
}
