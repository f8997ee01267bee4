/**
 * Helpers for end-to-end suites that drive the local cloud on a VirtualClock. The function itself
 * runs in real time (worker threads), so a test advances virtual time to make something due, then
 * waits (briefly, in real time) for the work that became due to finish.
 */

import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DeleteMessageCommand, type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  committedTemplate,
  type LocalCloud,
  TABLE_NAME,
  type TemplateDocument,
} from './local-cloud.fixture.ts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const FUNCTION_LOG_GROUP = '/aws/lambda/serverless-infrastructure-request-processor';
/** A table the function's role may not write: its PutItem is denied, so every store fails. */
export const MISSING_TABLE = 'serverless-infrastructure-no-such-table';

/** Polls `probe` in real time until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Real-time pause long enough for work that is NOT due to show up if it wrongly ran. */
export function quietPeriod(ms = 400): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The committed template whose function writes to a table it may not write: stores fail. */
export function brokenTableTemplate(): TemplateDocument {
  const template = committedTemplate();
  const properties = template.Resources.RequestProcessorLambda?.Properties as {
    Environment: { Variables: Record<string, unknown> };
  };
  properties.Environment.Variables.DYNAMODB_TABLE_NAME = MISSING_TABLE;
  return template;
}

/** Request ids of every invocation the function's log group recorded (platform.start lines). */
export async function invocationIds(cloud: LocalCloud): Promise<string[]> {
  const events = await cloud.engine.services.logs.filterLogEvents({ logGroupName: FUNCTION_LOG_GROUP });
  const ids: string[] = [];
  for (const event of events) {
    if (!event.message.includes('platform.start')) continue;
    const parsed = JSON.parse(event.message) as { type?: string; record?: { requestId?: string } };
    if (parsed.type === 'platform.start' && parsed.record?.requestId) ids.push(parsed.record.requestId);
  }
  return ids;
}

/** Finished invocations (platform.report lines), so a test knows an attempt has fully ended. */
export async function reportCount(cloud: LocalCloud): Promise<number> {
  const events = await cloud.engine.services.logs.filterLogEvents({ logGroupName: FUNCTION_LOG_GROUP });
  return events.filter((e) => e.message.includes('"platform.report"')).length;
}

/** Waits until the function has finished exactly `count` invocations in total. */
export async function waitForReports(cloud: LocalCloud, count: number): Promise<void> {
  await waitFor(`${count} finished invocations`, async () =>
    (await reportCount(cloud)) >= count ? true : undefined,
  );
}

/** Stored items whose Source is the scheduled event's. */
export async function scheduledItems(cloud: LocalCloud): Promise<Record<string, unknown>[]> {
  const page = await cloud.dynamodb().send(
    new ScanCommand({
      TableName: TABLE_NAME,
      FilterExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'Source' },
      ExpressionAttributeValues: { ':s': { S: 'EventBridge Scheduled Event' } },
    }),
  );
  return (page.Items ?? []).map((item) => unmarshall(item));
}

/**
 * Every message in the queue, read through a real SQS client with all attributes; each is deleted
 * once read when `take` is set, otherwise left visible again (VisibilityTimeout 0).
 */
export async function readQueue(cloud: LocalCloud, queueUrl: string, take = false): Promise<Message[]> {
  const sqs = cloud.sqs();
  const found = new Map<string, Message>();
  for (let round = 0; round < 20; round++) {
    const result = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: take ? 30 : 0,
        MessageAttributeNames: ['All'],
        WaitTimeSeconds: 0,
      }),
    );
    const fresh = (result.Messages ?? []).filter((m) => m.MessageId && !found.has(m.MessageId));
    if (fresh.length === 0) break;
    for (const message of fresh) {
      found.set(message.MessageId as string, message);
      if (take)
        await sqs.send(
          new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
        );
    }
  }
  return [...found.values()];
}
