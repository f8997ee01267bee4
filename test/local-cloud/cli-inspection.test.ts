import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalCloud,
  postJson,
  STACK_NAME,
  startLocalCloud,
  TABLE_NAME,
} from '../support/local-cloud.fixture.ts';
import { readQueue, waitFor } from '../support/virtual-time.fixture.ts';

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built CLI asynchronously (the engine serving it lives on this process's event loop, so
 * a synchronous child would deadlock).
 */
function tapstack(cloud: LocalCloud, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['dist/tapstack.js', ...args, '--endpoint-url', cloud.endpointUrl, '--json'],
      { timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let cloud: LocalCloud;
beforeAll(async () => {
  // dist/ is built once for the whole run by test/support/global-setup.ts.
  cloud = await startLocalCloud();
}, 180_000);
afterAll(async () => {
  await cloud?.dispose();
});

async function itemById(requestId: string) {
  const page = await cloud.dynamodb().send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'RequestId = :id',
      ExpressionAttributeValues: { ':id': { S: requestId } },
    }),
  );
  return page.Items?.[0];
}

describe('the tapstack CLI against a running local cloud', () => {
  it('status reports the stack as CREATE_COMPLETE with its four alarms and an empty DLQ', async () => {
    const run = await tapstack(cloud, 'status');

    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      stackName: string;
      stackStatus: string;
      resources: { logicalId: string }[];
      alarms: { name: string; state: string }[];
      deadLetterQueueDepth: number;
    };
    expect(report.stackName).toBe(STACK_NAME);
    expect(report.stackStatus).toBe('CREATE_COMPLETE');
    expect(report.resources.map((r) => r.logicalId)).toContain('RequestProcessorLambda');
    expect(report.alarms.map((a) => a.name).sort()).toEqual(
      ['api-5xx-errors', 'dlq-messages', 'lambda-errors', 'lambda-throttles'].map(
        (n) => `${STACK_NAME}-${n}`,
      ),
    );
    expect(report.deadLetterQueueDepth).toBe(0);
  });

  it('requests lists a request just made, read through the ByTime index', async () => {
    const sent = await postJson(cloud.apiUrl, { via: 'cli-test' });

    const run = await tapstack(cloud, 'requests', '--since', '1h');

    expect(sent.status).toBe(200);
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as { RequestId: string; Method?: string; Source?: string }[];
    expect(listed).toContainEqual(
      expect.objectContaining({ RequestId: sent.json?.requestId, Method: 'POST', Source: 'API Gateway' }),
    );
  });

  it('trigger fires the daily rule now and the function stores the scheduled item', async () => {
    const run = await tapstack(cloud, 'trigger');

    expect(run.code).toBe(0);
    const line = JSON.parse(run.stdout.trim()) as { rule: string; eventId: string; statusCode: number };
    expect(line).toMatchObject({ rule: `${STACK_NAME}-daily-schedule`, statusCode: 202 });
    const item = await waitFor('the scheduled item', () => itemById(line.eventId));
    expect(item.Source?.S).toBe('EventBridge Scheduled Event');
  });

  it('dlq lists dead letters with their attributes and --redrive invokes the function with each, emptying the queue', async () => {
    // Prepare: a dead letter as Lambda writes it (a scheduled event and the three attributes).
    const queueUrl = cloud.output('DeadLetterQueueUrl');
    const eventId = randomUUID();
    const event = {
      version: '0',
      id: eventId,
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: 'us-east-1',
      resources: [],
      detail: {},
    };
    await cloud.sqs().send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(event),
        MessageAttributes: {
          RequestID: { DataType: 'String', StringValue: 'req-123' },
          ErrorCode: { DataType: 'Number', StringValue: '200' },
          ErrorMessage: { DataType: 'String', StringValue: 'table was unavailable' },
        },
      }),
    );

    // Act
    const listed = await tapstack(cloud, 'dlq');
    const redriven = await tapstack(cloud, 'dlq', '--redrive');

    // Assess
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        requestId: 'req-123',
        errorCode: '200',
        errorMessage: 'table was unavailable',
        body: JSON.stringify(event),
      }),
    ]);
    expect(redriven.code).toBe(0);
    expect(JSON.parse(redriven.stdout)).toEqual({ redriven: 1, failed: 0 });
    const item = await waitFor('the redriven event stored', () => itemById(eventId));
    expect(item.Source?.S).toBe('EventBridge Scheduled Event');
    expect(await readQueue(cloud, queueUrl)).toEqual([]);
  });

  it('logs prints the function log lines as JSON', async () => {
    await postJson(cloud.apiUrl, { for: 'logs' });

    const run = await tapstack(cloud, 'logs', '--since', '1h', '--source', 'function');

    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { source: string; message: string; timestamp: number });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.source === 'function')).toBe(true);
    expect(lines.some((l) => l.message.includes('"platform.start"'))).toBe(true);
  });

  it('status counts ERROR lines and Lambda timeouts (the ?ERROR ?"Task timed out" pattern) of the last hour', async () => {
    const group = `/aws/lambda/${STACK_NAME}-request-processor`;
    const now = Date.now();
    cloud.engine.services.logs.putLogEvents(group, 'status-errors', [
      { timestamp: now, message: '{"level":"ERROR","message":"write failed"}' },
      { timestamp: now + 1, message: '2026-01-01T00:00:00.000Z abc Task timed out after 3.00 seconds' },
      { timestamp: now + 2, message: 'Task finished; nothing timed out' },
    ]);

    const run = await tapstack(cloud, 'status');

    const report = JSON.parse(run.stdout) as { recentErrors: { message: string }[] };
    const messages = report.recentErrors.map((e) => e.message);
    expect(messages).toContain('{"level":"ERROR","message":"write failed"}');
    expect(messages).toContain('2026-01-01T00:00:00.000Z abc Task timed out after 3.00 seconds');
    expect(messages).not.toContain('Task finished; nothing timed out');
  });

  it('exits non-zero with a clear message for a stack that does not exist', async () => {
    const run = await tapstack(cloud, 'status', '--stack-name', 'no-such-stack');

    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^tapstack: .*no-such-stack.*does not exist/m);
  });
});
