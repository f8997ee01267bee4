import { OPERATION_TABLE, type SqsOperationName } from './operation-table.ts';
import type { SqsService } from './service.ts';

/** What the edge passes with each SQS call. */
export interface SqsDispatchContext {
  readonly sqs: SqsService;
  /** The caller's account id or principal id, reported as the SenderId message attribute. */
  readonly senderId?: string;
}

export type SqsOperation = (input: unknown, ctx: SqsDispatchContext) => Promise<unknown>;

/**
 * The AWS JSON 1.0 operations (`X-Amz-Target: AmazonSQS.<Operation>`) with request and response
 * bodies as the JSON protocol carries them. Names absent here are not emulated: the edge should
 * answer UnsupportedOperation. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-json.html
 */
export const sqsOperations: Readonly<Record<string, SqsOperation>> = Object.fromEntries(
  (Object.keys(OPERATION_TABLE) as SqsOperationName[]).map((name) => [
    name,
    (input: unknown, ctx: SqsDispatchContext) => ctx.sqs.invoke(name, input, ctx.senderId),
  ]),
);
