import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateQueueRequest } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { isAwsError } from '../../runtime/aws-error.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import type { MetricDatum } from '../cloudwatch/metric-sink.ts';
import { SqsService } from './service.ts';

const dirs: string[] = [];
const services: SqsService[] = [];

function setup(dataDir = mkdtempSync(join(tmpdir(), 'sqs-')), clock = new VirtualClock()) {
  dirs.push(dataDir);
  const metrics: MetricDatum[] = [];
  const sqs = new SqsService({
    dataDir,
    clock,
    endpointUrl: 'http://127.0.0.1:4566',
    metrics: { putMetric: (d) => metrics.push(d) },
  });
  services.push(sqs);
  return { sqs, clock, dataDir, metrics };
}

afterEach(() => {
  for (const s of services.splice(0)) s.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const codeOf = async (fn: () => unknown): Promise<string> => {
  try {
    await fn();
  } catch (error) {
    if (isAwsError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an AwsError');
};

describe('SqsService queues', () => {
  it('returns the local URL and is idempotent for equal attributes only', async () => {
    // Prepare
    const { sqs } = setup();
    const first = sqs.createQueue({ QueueName: 'dlq', Attributes: { MessageRetentionPeriod: '1209600' } });

    // Act
    const again = sqs.createQueue({ QueueName: 'dlq', Attributes: { MessageRetentionPeriod: '1209600' } });
    const conflict = await codeOf(() =>
      sqs.createQueue({ QueueName: 'dlq', Attributes: { VisibilityTimeout: '5' } }),
    );

    // Assess
    expect(first.QueueUrl).toBe('http://127.0.0.1:4566/000000000000/dlq');
    expect(again.QueueUrl).toBe(first.QueueUrl);
    expect(conflict).toBe('QueueNameExists');
  });

  it('reports defaults, SSE-SQS on by default, counts and the ARN', () => {
    // Prepare
    const { sqs } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'attrs' });
    sqs.sendMessage({ QueueUrl, MessageBody: 'now' });
    sqs.sendMessage({ QueueUrl, MessageBody: 'later', DelaySeconds: 60 });

    // Act
    const { Attributes } = sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['All'] });

    // Assess
    expect(Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:attrs',
      VisibilityTimeout: '30',
      MessageRetentionPeriod: '345600',
      MaximumMessageSize: '1048576',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesDelayed: '1',
      ApproximateNumberOfMessagesNotVisible: '0',
      CreatedTimestamp: String(Date.UTC(2026, 0, 1) / 1000),
    });
  });

  it.each([
    ['an unknown attribute', { Bogus: '1' }, 'InvalidAttributeName'],
    ['a retention below a minute', { MessageRetentionPeriod: '59' }, 'InvalidAttributeValue'],
    [
      'both SSE kinds at once',
      { KmsMasterKeyId: 'alias/aws/sqs', SqsManagedSseEnabled: 'true' },
      'InvalidAttributeValue',
    ],
    ['a FIFO queue', { FifoQueue: 'true' }, 'UnsupportedOperation'],
  ])('refuses %s', async (_name, Attributes, code) => {
    const { sqs } = setup();
    expect(
      await codeOf(() =>
        sqs.createQueue({ QueueName: 'q', Attributes: Attributes as CreateQueueRequest['Attributes'] }),
      ),
    ).toBe(code);
  });

  it('removes a policy set to the empty string', () => {
    // Prepare
    const { sqs } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'policy', Attributes: { Policy: '{"Statement":[]}' } });

    // Act
    sqs.setQueueAttributes({ QueueUrl, Attributes: { Policy: '' } });

    // Assess
    expect(sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['Policy'] })).toEqual({});
  });

  it('pages ListQueues by prefix', () => {
    // Prepare
    const { sqs } = setup();
    for (const name of ['app-a', 'app-b', 'app-c', 'other']) sqs.createQueue({ QueueName: name });

    // Act
    const first = sqs.listQueues({ QueueNamePrefix: 'app-', MaxResults: 2 });
    const second = sqs.listQueues({ QueueNamePrefix: 'app-', MaxResults: 2, NextToken: first.NextToken });

    // Assess
    expect(first.QueueUrls?.map((u) => u.split('/').pop())).toEqual(['app-a', 'app-b']);
    expect(second.QueueUrls?.map((u) => u.split('/').pop())).toEqual(['app-c']);
    expect(second.NextToken).toBeUndefined();
  });
});

describe('SqsService messages', () => {
  it('hides a received message for the visibility timeout, then delivers it again', async () => {
    // Prepare
    const { sqs, clock } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'vis', Attributes: { VisibilityTimeout: '10' } });
    sqs.sendMessage({ QueueUrl, MessageBody: 'm' });
    await sqs.receiveMessage({ QueueUrl });

    // Act
    const hidden = await sqs.receiveMessage({ QueueUrl });
    await clock.advance(10_000);
    const again = await sqs.receiveMessage({
      QueueUrl,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    });

    // Assess
    expect(hidden.Messages).toBeUndefined();
    expect(again.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
  });

  it('long-polls until a message arrives and returns it at once', async () => {
    // Prepare
    const { sqs, clock } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'poll' });
    let settled = false;
    const pending = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 }).finally(() => {
      settled = true;
    });

    // Act
    await clock.advance(5_000);
    const settledBeforeSend = settled;
    sqs.sendMessage({ QueueUrl, MessageBody: 'arrived' });
    const result = await pending;

    // Assess
    expect(settledBeforeSend).toBe(false);
    expect(result.Messages?.map((m) => m.Body)).toEqual(['arrived']);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1) + 5_000);
  });

  it('releases a waiting long poll when the service stops', async () => {
    // Prepare
    const { sqs } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'shutdown' });
    const pending = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 20 });

    // Act
    sqs.stop();

    // Assess
    expect(await pending).toEqual({});
  });

  it('ends a long poll empty when the wait time passes', async () => {
    // Prepare
    const { sqs, clock } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'empty-poll' });
    const pending = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 3 });

    // Act
    await clock.advance(3_000);

    // Assess
    expect(await pending).toEqual({});
  });

  it('wakes a long poll when a delayed message becomes visible', async () => {
    // Prepare
    const { sqs, clock } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'delayed' });
    sqs.sendMessage({ QueueUrl, MessageBody: 'soon', DelaySeconds: 4 });
    const pending = sqs.receiveMessage({ QueueUrl, WaitTimeSeconds: 10 });

    // Act
    await clock.advance(4_000);

    // Assess
    expect((await pending).Messages?.map((m) => m.Body)).toEqual(['soon']);
  });

  it('drops messages older than the retention period', async () => {
    // Prepare
    const { sqs, clock } = setup();
    sqs.start();
    const { QueueUrl } = sqs.createQueue({
      QueueName: 'retain',
      Attributes: { MessageRetentionPeriod: '60' },
    });
    sqs.sendMessage({ QueueUrl, MessageBody: 'old' });
    await clock.advance(30_000);
    sqs.sendMessage({ QueueUrl, MessageBody: 'young' });

    // Act
    await clock.advance(30_000);

    // Assess
    const { Messages } = await sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });
    expect(Messages?.map((m) => m.Body)).toEqual(['young']);
  });

  it('keeps messages and their visibility across a restart', async () => {
    // Prepare
    const { sqs, clock, dataDir } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'durable', Attributes: { VisibilityTimeout: '30' } });
    sqs.sendMessage({
      QueueUrl,
      MessageBody: 'in flight',
      MessageAttributes: { n: { DataType: 'Number', StringValue: '7' } },
    });
    sqs.sendMessage({ QueueUrl, MessageBody: 'waiting' });
    const { Messages: [inFlight] = [] } = await sqs.receiveMessage({ QueueUrl });

    // Act
    const restarted = setup(dataDir, clock).sqs;
    const visibleNow = await restarted.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 });
    await clock.advance(30_000);
    const later = await restarted.receiveMessage({ QueueUrl, MessageAttributeNames: ['All'] });

    // Assess
    expect(visibleNow.Messages?.map((m) => m.Body)).toEqual(['waiting']);
    expect(later.Messages?.[0]?.MessageId).toBe(inFlight?.MessageId);
    expect(later.Messages?.[0]?.MessageAttributes).toEqual({ n: { DataType: 'Number', StringValue: '7' } });
  });

  it('deletes with the latest receipt handle only', async () => {
    // Prepare
    const { sqs, clock } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'handles', Attributes: { VisibilityTimeout: '1' } });
    sqs.sendMessage({ QueueUrl, MessageBody: 'm' });
    const first = (await sqs.receiveMessage({ QueueUrl })).Messages?.[0]?.ReceiptHandle as string;
    await clock.advance(1_000);
    const second = (await sqs.receiveMessage({ QueueUrl })).Messages?.[0]?.ReceiptHandle as string;

    // Act
    sqs.deleteMessage({ QueueUrl, ReceiptHandle: first });
    const afterStale = sqs.getQueueAttributes({
      QueueUrl,
      AttributeNames: ['ApproximateNumberOfMessagesNotVisible'],
    });
    sqs.deleteMessage({ QueueUrl, ReceiptHandle: second });
    const afterLatest = sqs.getQueueAttributes({
      QueueUrl,
      AttributeNames: ['ApproximateNumberOfMessagesNotVisible'],
    });
    const garbage = await codeOf(() => sqs.deleteMessage({ QueueUrl, ReceiptHandle: 'nonsense' }));

    // Assess
    expect(afterStale.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('1');
    expect(afterLatest.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('0');
    expect(garbage).toBe('ReceiptHandleIsInvalid');
  });

  it('makes a message visible at once with ChangeMessageVisibility 0', async () => {
    // Prepare
    const { sqs } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'change' });
    sqs.sendMessage({ QueueUrl, MessageBody: 'm' });
    const handle = (await sqs.receiveMessage({ QueueUrl })).Messages?.[0]?.ReceiptHandle as string;

    // Act
    sqs.changeMessageVisibility({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 });
    const again = await sqs.receiveMessage({ QueueUrl });
    const notInFlight = await codeOf(() =>
      sqs.changeMessageVisibility({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 5 }),
    );

    // Assess
    expect(again.Messages?.map((m) => m.Body)).toEqual(['m']);
    expect(notInFlight).toBe('MessageNotInflight');
  });

  it('moves a message past maxReceiveCount to the dead-letter queue', async () => {
    // Prepare
    const { sqs, clock } = setup();
    const dlq = sqs.createQueue({ QueueName: 'redrive-dlq' }).QueueUrl;
    const { QueueUrl } = sqs.createQueue({
      QueueName: 'redrive-src',
      Attributes: {
        VisibilityTimeout: '1',
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: sqs.queueArn('redrive-dlq'),
          maxReceiveCount: 2,
        }),
      },
    });
    sqs.sendMessage({ QueueUrl, MessageBody: 'poison' });
    for (let i = 0; i < 2; i++) {
      await sqs.receiveMessage({ QueueUrl });
      await clock.advance(1_000);
    }

    // Act
    const fromSource = await sqs.receiveMessage({ QueueUrl });
    const fromDlq = await sqs.receiveMessage({ QueueUrl: dlq });

    // Assess
    expect(fromSource.Messages).toBeUndefined();
    expect(fromDlq.Messages?.map((m) => m.Body)).toEqual(['poison']);
  });

  it('accepts in-process dead letters by queue ARN with Lambda attributes', async () => {
    // Prepare
    const { sqs } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'fn-dlq' });

    // Act
    sqs.sendMessageToArn(sqs.queueArn('fn-dlq'), {
      MessageBody: '{"event":1}',
      MessageAttributes: {
        RequestID: { DataType: 'String', StringValue: 'req-1' },
        ErrorCode: { DataType: 'Number', StringValue: '200' },
        ErrorMessage: { DataType: 'String', StringValue: 'boom' },
      },
    });
    const missing = await codeOf(() =>
      sqs.sendMessageToArn('arn:aws:sqs:us-east-1:000000000000:nope', { MessageBody: 'x' }),
    );

    // Assess
    const { Messages } = await sqs.receiveMessage({ QueueUrl, MessageAttributeNames: ['All'] });
    expect(Messages?.[0]?.MessageAttributes?.ErrorCode).toEqual({ DataType: 'Number', StringValue: '200' });
    expect(missing).toBe('QueueDoesNotExist');
  });

  it.each([
    ['an empty body', { MessageBody: '' }, 'InvalidParameterValue'],
    ['a control character', { MessageBody: 'a\u0001b' }, 'InvalidMessageContents'],
    [
      'a non-numeric Number',
      { MessageBody: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } },
      'InvalidParameterValue',
    ],
    [
      'a reserved attribute name',
      { MessageBody: 'x', MessageAttributes: { 'AWS.x': { DataType: 'String', StringValue: 'v' } } },
      'InvalidParameterValue',
    ],
    ['a delay above 900 s', { MessageBody: 'x', DelaySeconds: 901 }, 'InvalidParameterValue'],
  ])('refuses a message with %s', async (_name, message, code) => {
    const { sqs } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'strict' });
    expect(await codeOf(() => sqs.sendMessage({ QueueUrl, ...message }))).toBe(code);
  });

  it('refuses a message above MaximumMessageSize', async () => {
    const { sqs } = setup();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'small', Attributes: { MaximumMessageSize: '1024' } });
    expect(await codeOf(() => sqs.sendMessage({ QueueUrl, MessageBody: 'x'.repeat(1025) }))).toBe(
      'InvalidParameterValue',
    );
  });

  it('publishes ApproximateNumberOfMessagesVisible once per emulated minute per queue', async () => {
    // Prepare
    const { sqs, clock, metrics } = setup();
    sqs.start();
    const { QueueUrl } = sqs.createQueue({ QueueName: 'depth' });
    sqs.sendMessage({ QueueUrl, MessageBody: 'a' });
    sqs.sendMessage({ QueueUrl, MessageBody: 'b' });

    // Act
    await clock.advance(120_000);

    // Assess
    expect(metrics).toEqual(
      [60_000, 120_000].map((offset) => ({
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: 'depth' },
        value: 2,
        unit: 'Count',
        timestamp: Date.UTC(2026, 0, 1) + offset,
      })),
    );
  });
});
