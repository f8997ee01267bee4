import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../engine/src/runtime/clock.ts';
import { committedTemplate, type LocalCloud, startLocalCloud } from '../support/local-cloud.fixture.ts';
import {
  brokenTableTemplate,
  DAY,
  invocationIds,
  MINUTE,
  MISSING_TABLE,
  quietPeriod,
  readQueue,
  reportCount,
  scheduledItems,
  waitFor,
  waitForReports,
} from '../support/virtual-time.fixture.ts';

let cloud: LocalCloud | undefined;
afterEach(async () => {
  await cloud?.dispose();
  cloud = undefined;
});

describe('the daily schedule on a virtual clock', () => {
  it('fires once in a virtual day, stores the scheduled item and leaves the DLQ empty', async () => {
    // Prepare
    const clock = new VirtualClock(Date.UTC(2026, 2, 1, 9, 30));
    cloud = await startLocalCloud({ clock });
    const local = cloud;

    // Act: just short of a day, then the rest of it.
    await clock.advance(DAY - MINUTE);
    await quietPeriod();
    const beforeTheDay = await scheduledItems(local);
    await clock.advance(MINUTE);
    const items = await waitFor('the scheduled item', async () => {
      const found = await scheduledItems(local);
      return found.length > 0 ? found : undefined;
    });
    await waitForReports(local, 1);
    await quietPeriod();

    // Assess
    expect(beforeTheDay).toEqual([]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ Source: 'EventBridge Scheduled Event' });
    // The event's time is the fire time: exactly one day after the rule was created.
    expect(String(items[0]?.Timestamp)).toBe(new Date(Date.UTC(2026, 2, 2, 9, 30)).toISOString());
    expect(await invocationIds(local)).toHaveLength(1);
    expect(await readQueue(local, local.output('DeadLetterQueueUrl'))).toEqual([]);
  });
});

describe('a scheduled invocation that fails', () => {
  it('is retried after 60 s and then 120 s more, then lands in the DLQ once with RequestID, ErrorCode and ErrorMessage', async () => {
    // Prepare: the function may not write the table it is given, so the scheduled event throws.
    const clock = new VirtualClock(Date.UTC(2026, 2, 1, 0, 0));
    cloud = await startLocalCloud({ clock, template: brokenTableTemplate() });
    const local = cloud;
    const queueUrl = local.output('DeadLetterQueueUrl');

    // Act + Assess, attempt by attempt.
    await clock.advance(DAY);
    await waitForReports(local, 1);
    await clock.advance(MINUTE - 1);
    await quietPeriod();
    const afterAlmostAMinute = await reportCount(local);
    await clock.advance(1);
    await waitForReports(local, 2);
    await clock.advance(2 * MINUTE - 1);
    await quietPeriod();
    const afterAlmostTwoMore = await reportCount(local);
    const dlqBeforeLastAttempt = await readQueue(local, queueUrl);
    await clock.advance(1);
    await waitForReports(local, 3);
    const messages = await waitFor('the dead letter', async () => {
      const found = await readQueue(local, queueUrl);
      return found.length > 0 ? found : undefined;
    });
    await clock.advance(10 * MINUTE);
    await quietPeriod();

    expect(afterAlmostAMinute).toBe(1);
    expect(afterAlmostTwoMore).toBe(2);
    expect(dlqBeforeLastAttempt).toEqual([]);
    const ids = await invocationIds(local);
    expect(ids).toHaveLength(3);
    // Lambda keeps one request id for all attempts of an async event.
    expect(new Set(ids).size).toBe(1);
    const final = await readQueue(local, queueUrl);
    expect(final).toHaveLength(1);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(Object.keys(message?.MessageAttributes ?? {}).sort()).toEqual([
      'ErrorCode',
      'ErrorMessage',
      'RequestID',
    ]);
    expect(message?.MessageAttributes?.RequestID?.StringValue).toBe(ids[0]);
    expect(message?.MessageAttributes?.ErrorCode?.StringValue).toBe('200');
    expect(message?.MessageAttributes?.ErrorMessage?.StringValue).toMatch(/not authorized|PutItem/);
    expect(message?.MessageAttributes?.ErrorMessage?.StringValue).toContain(MISSING_TABLE);
    const body = JSON.parse(message?.Body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({ source: 'aws.events', 'detail-type': 'Scheduled Event' });
    expect(await scheduledItems(local)).toEqual([]);
  });
});

describe('a scheduled event EventBridge cannot deliver', () => {
  it('goes to the rule target’s dead-letter queue with EventBridge’s attributes when the function refuses the rule', async () => {
    // Prepare: without LambdaSchedulePermission the function's resource policy denies the rule.
    const template = committedTemplate();
    delete template.Resources.LambdaSchedulePermission;
    const clock = new VirtualClock(Date.UTC(2026, 2, 1, 0, 0));
    cloud = await startLocalCloud({ clock, template });
    const local = cloud;
    const queueUrl = local.output('DeadLetterQueueUrl');

    // Act
    await clock.advance(DAY);
    const messages = await waitFor('the undeliverable event', async () => {
      const found = await readQueue(local, queueUrl);
      return found.length > 0 ? found : undefined;
    });
    await quietPeriod();

    // Assess
    expect(messages).toHaveLength(1);
    const attributes = Object.fromEntries(
      Object.entries(messages[0]?.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue]),
    );
    expect(attributes).toMatchObject({
      RULE_ARN: 'arn:aws:events:us-east-1:000000000000:rule/serverless-infrastructure-daily-schedule',
      TARGET_ARN: local.output('LambdaFunctionArn'),
      RETRY_ATTEMPTS: '3',
    });
    expect(attributes.ERROR_MESSAGE).toMatch(/events\.amazonaws\.com is not authorized/);
    expect(JSON.parse(messages[0]?.Body ?? '{}')).toMatchObject({ 'detail-type': 'Scheduled Event' });
    expect(await invocationIds(local)).toEqual([]);
    expect(await scheduledItems(local)).toEqual([]);
  });
});
