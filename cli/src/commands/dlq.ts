import { type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Command } from 'commander';
import { redriveDeadLetters } from '../aws/redrive.ts';
import { loadStackHandles } from '../aws/stack-handles.ts';
import { type ClientConfig, clientConfig } from '../aws/target.ts';
import { paint } from '../format/style.ts';
import { type CommonOptions, withCommonOptions } from './common.ts';

interface DlqOptions extends CommonOptions {
  readonly redrive?: boolean;
  readonly max: string;
}

export function registerDlq(program: Command): void {
  withCommonOptions(
    program
      .command('dlq')
      .description(
        'show the dead letters (failed async events with RequestID, ErrorCode, ErrorMessage); --redrive re-invokes them',
      )
      .option(
        '--redrive',
        'invoke the function again (asynchronously) with each dead letter, deleting it once accepted',
      )
      .option('--max <n>', 'most messages to read', '100'),
  ).action(async (options: DlqOptions) => {
    const config = clientConfig(options);
    const handles = await loadStackHandles(config, options.stackName);
    if (!handles.deadLetterQueueUrl) throw new Error(`stack ${options.stackName} has no DeadLetterQueue`);
    const max = Number(options.max);
    if (!Number.isInteger(max) || max <= 0)
      throw new Error(`--max must be a positive whole number, got ${options.max}`);
    if (options.redrive) {
      if (!handles.functionName) throw new Error(`stack ${options.stackName} has no RequestProcessorLambda`);
      const { errors, ...result } = await redriveDeadLetters(config, {
        queueUrl: handles.deadLetterQueueUrl,
        functionName: handles.functionName,
        max,
      });
      for (const error of errors) console.error(`tapstack dlq: ${error}`);
      if (options.json) console.log(JSON.stringify(result));
      else
        console.log(
          `Redriven ${result.redriven} dead letter(s) to ${handles.functionName}; ${result.failed} failed and stay in the queue.`,
        );
      if (result.failed > 0) process.exitCode = 1;
      return;
    }
    const messages = await peek(config, handles.deadLetterQueueUrl, max);
    if (options.json) {
      console.log(JSON.stringify(messages.map(view), null, 2));
      return;
    }
    if (messages.length === 0) console.log('The dead-letter queue is empty.');
    for (const message of messages.map(view)) {
      console.log(
        `${paint('red', message.errorCode ?? '?')} ${paint('bold', message.requestId ?? '?')}  ${message.errorMessage ?? ''}`,
      );
      console.log(
        `  ${paint('gray', message.body.length > 300 ? `${message.body.slice(0, 300)}…` : message.body)}`,
      );
    }
  });
}

function view(message: Message) {
  const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue;
  return {
    messageId: message.MessageId,
    sentAt: message.Attributes?.SentTimestamp
      ? new Date(Number(message.Attributes.SentTimestamp)).toISOString()
      : undefined,
    requestId: attribute('RequestID'),
    errorCode: attribute('ErrorCode'),
    errorMessage: attribute('ErrorMessage'),
    body: message.Body ?? '',
  };
}

/** Reads without taking: a zero visibility timeout leaves every message visible to others. */
async function peek(config: ClientConfig, queueUrl: string, max: number): Promise<Message[]> {
  const client = new SQSClient(config);
  const found = new Map<string, Message>();
  try {
    for (let round = 0; round < Math.ceil(max / 10) + 2 && found.size < max; round++) {
      const result = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['SentTimestamp'],
        }),
      );
      const fresh = (result.Messages ?? []).filter((m) => m.MessageId && !found.has(m.MessageId));
      if (fresh.length === 0) break;
      for (const message of fresh) found.set(message.MessageId as string, message);
    }
  } finally {
    client.destroy();
  }
  return [...found.values()].slice(0, max);
}
