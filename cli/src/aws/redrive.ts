import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { ClientConfig } from './target.ts';

/** Seconds a message stays hidden while being redriven; it reappears if the invoke fails. */
const REDRIVE_VISIBILITY_S = 60;

export interface RedriveResult {
  readonly redriven: number;
  readonly failed: number;
  readonly errors: readonly string[];
}

export interface RedriveOptions {
  readonly queueUrl: string;
  readonly functionName: string;
  /** Most messages to redrive. */
  readonly max: number;
  /** Only these message ids (the console's "redrive one"); others are made visible again at once. */
  readonly messageIds?: readonly string[];
}

/**
 * Dead letters back to the function: each message body is invoked asynchronously (as the failed
 * event was) and the message is deleted once Lambda accepted it; a refused invoke leaves it in the
 * queue. `tapstack dlq --redrive` and the console's redrive buttons both run this.
 */
export async function redriveDeadLetters(
  config: ClientConfig,
  options: RedriveOptions,
): Promise<RedriveResult> {
  const sqs = new SQSClient(config);
  const lambda = new LambdaClient(config);
  let redriven = 0;
  let failed = 0;
  const errors: string[] = [];
  const wanted = options.messageIds ? new Set(options.messageIds) : undefined;
  const skipped: Message[] = [];
  try {
    while (redriven + failed < options.max && (!wanted || wanted.size > 0)) {
      const result = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: options.queueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: REDRIVE_VISIBILITY_S,
        }),
      );
      const messages = result.Messages ?? [];
      if (messages.length === 0) break;
      for (const message of messages) {
        if (wanted && !wanted.has(message.MessageId ?? '')) {
          skipped.push(message);
          continue;
        }
        wanted?.delete(message.MessageId ?? '');
        try {
          const invoke = await lambda.send(
            new InvokeCommand({
              FunctionName: options.functionName,
              InvocationType: 'Event',
              Payload: Buffer.from(message.Body ?? '{}'),
            }),
          );
          if (invoke.StatusCode !== 202) throw new Error(`Invoke answered ${invoke.StatusCode}`);
          await sqs.send(
            new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.ReceiptHandle }),
          );
          redriven++;
        } catch (error) {
          failed++;
          errors.push(`could not redrive ${message.MessageId}: ${(error as Error).message}`);
        }
      }
    }
  } finally {
    // Messages received only to look for the chosen ones go back to the queue at once.
    for (const message of skipped) {
      await sqs
        .send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: options.queueUrl,
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: 0,
          }),
        )
        .catch(() => {});
    }
    sqs.destroy();
    lambda.destroy();
  }
  return { redriven, failed, errors };
}
