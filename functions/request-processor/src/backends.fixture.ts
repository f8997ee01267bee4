/**
 * Real local stand-ins for the function's dependencies, for tests: dynalite on disk (DynamoDB)
 * and a minimal S3 PutObject receiver. Both listen on 127.0.0.1 with an ephemeral port.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

type DynaliteFactory = (options: {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;

// dynalite is CommonJS without type declarations.
const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;

export const TEST_REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTESTTESTTESTTEST', secretAccessKey: 'test-secret' };

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}`);
    });
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface LocalDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

/** dynalite persisted in a fresh temporary directory. */
export async function startDynalite(): Promise<LocalDynamo> {
  const dir = await mkdtemp(join(tmpdir(), 'request-processor-'));
  const server = dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const endpoint = await listen(server);
  const client = new DynamoDBClient({ endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS });
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      await close(server);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The request table as the template defines it: RequestId + Timestamp, GSI `ByTime`. */
export async function createRequestTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'RequestId', AttributeType: 'S' },
        { AttributeName: 'Timestamp', AttributeType: 'S' },
        { AttributeName: 'TimeShard', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'RequestId', KeyType: 'HASH' },
        { AttributeName: 'Timestamp', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'ByTime',
          KeySchema: [
            { AttributeName: 'TimeShard', KeyType: 'HASH' },
            { AttributeName: 'Timestamp', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
}

export interface ReceivedObject {
  readonly method: string;
  /** `/bucket/key` (path-style). */
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

export interface FakeS3 {
  readonly endpoint: string;
  readonly received: ReceivedObject[];
  stop(): Promise<void>;
}

/** Accepts any PutObject (path-style) and records it; enough for the body-offload path. */
export async function startFakeS3(): Promise<FakeS3> {
  const received: ReceivedObject[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: decodeURIComponent((req.url ?? '').split('?')[0] ?? ''),
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(200, { etag: '"0123456789abcdef0123456789abcdef"' }).end();
    });
  });
  const endpoint = await listen(server);
  return { endpoint, received, stop: () => close(server) };
}

/** A JSON 1.0 DynamoDB endpoint that answers every call with one error (e.g. throttling). */
export async function startFailingDynamo(
  errorType: string,
  status = 400,
): Promise<{
  readonly endpoint: string;
  stop(): Promise<void>;
}> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res
        .writeHead(status, { 'content-type': 'application/x-amz-json-1.0' })
        .end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${errorType}`, message: 'busy' }));
    });
  });
  const endpoint = await listen(server);
  return { endpoint, stop: () => close(server) };
}

/** A 127.0.0.1 URL where nothing listens (the port was just released). */
export async function closedEndpoint(): Promise<string> {
  const server = createServer();
  const endpoint = await listen(server);
  await close(server);
  return endpoint;
}
