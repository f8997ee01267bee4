import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation, RequestContext } from '../../protocol/operation.ts';
import { isAwsError } from '../../runtime/aws-error.ts';
import { RealClock } from '../../runtime/clock.ts';
import { SQS_QUERY_ERROR_CODES } from './errors.ts';
import { SqsService } from './service.ts';

let dataDir: string;
let server: Server;
let client: SQSClient;
let sqs: SqsService;

const ROOT: RequestContext = {
  requestId: 'r',
  region: 'us-east-1',
  accountId: '000000000000',
  caller: { accessKeyId: 'test', kind: 'root' },
};

/** A stand-in for the edge's JSON 1.0 protocol: just enough to let the real SDK talk to the operation table. */
function jsonProtocolServer(service: SqsService): Server {
  return createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const operation = String(req.headers['x-amz-target'] ?? '').replace('AmazonSQS.', '');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...headers });
      res.end(JSON.stringify(body));
    };
    try {
      const table: Readonly<Record<string, Operation>> = service.operations;
      const op = Object.hasOwn(table, operation) ? table[operation] : undefined;
      if (!op) throw new Error(`no operation ${operation}`);
      const input = op.validate(JSON.parse(Buffer.concat(chunks).toString() || '{}'), 'json', '');
      send(200, await op.execute(input, ROOT));
    } catch (error) {
      if (!isAwsError(error)) return send(500, { __type: 'InternalFailure', message: String(error) });
      const queryCode = SQS_QUERY_ERROR_CODES[error.code] ?? error.code;
      send(
        error.status,
        { __type: `com.amazonaws.sqs#${error.code}`, message: error.message },
        {
          'x-amzn-query-error': `${queryCode};Sender`,
        },
      );
    }
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sqs-sdk-'));
  let endpoint = '';
  sqs = new SqsService({ dataDir, clock: new RealClock(), endpointUrl: () => endpoint });
  server = jsonProtocolServer(sqs);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  client = new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
});

afterAll(async () => {
  client.destroy();
  sqs.stop();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SQS through @aws-sdk/client-sqs (JSON 1.0)', () => {
  it('sends, receives and deletes with body MD5s the SDK verifies', async () => {
    // Prepare
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'sdk-round-trip' }));

    // Act
    const sent = await client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'Héllo 😀 <&>',
        MessageAttributes: {
          timestamp: { DataType: 'Number', StringValue: '1493147359900' },
          blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
        },
      }),
    );
    const received = await client.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
        WaitTimeSeconds: 1,
      }),
    );
    const message = received.Messages?.[0];
    await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message?.ReceiptHandle }));
    const after = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );

    // Assess
    expect(message?.Body).toBe('Héllo 😀 <&>');
    expect(message?.MessageId).toBe(sent.MessageId);
    expect(message?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(message?.MessageAttributes?.timestamp).toEqual({
      DataType: 'Number',
      StringValue: '1493147359900',
    });
    expect(message?.MessageAttributes?.blob?.BinaryValue).toEqual(new Uint8Array([1, 2, 3]));
    expect(message?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(after.Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });

  it('reports per-entry results for a batch', async () => {
    // Prepare
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'sdk-batch' }));

    // Act
    const result = await client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'ok', MessageBody: 'fine' },
          { Id: 'bad', MessageBody: 'x', DelaySeconds: 9999 },
        ],
      }),
    );

    // Assess
    expect(result.Successful?.map((e) => e.Id)).toEqual(['ok']);
    expect(result.Failed?.map((e) => [e.Id, e.Code])).toEqual([['bad', 'InvalidParameterValue']]);
  });

  it('surfaces QueueDoesNotExist as the SDK exception class', async () => {
    // Act
    const error = await client
      .send(new SendMessageCommand({ QueueUrl: 'http://127.0.0.1/000000000000/missing', MessageBody: 'x' }))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(QueueDoesNotExist);
  });
});
