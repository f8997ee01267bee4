/**
 * Serves a DynamoDbService's wire protocol on 127.0.0.1:0 for tests that drive it with a real
 * SDK client or raw HTTP: the service entry as the edge runs it (body read once, then `handle`),
 * for the account root (no IAM checks), without the edge's signature verification.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { DynamoDbService, type DynamoDbServiceOptions } from './service.ts';
import { dynamoDbServiceEntry } from './service-entry.ts';

export interface ServedDynamoDb {
  readonly url: string;
  close(): Promise<void>;
}

/** A bare request listener around the service's entry; bodies are bounded by the entry (413). */
export function dynamoDbTestServer(service: DynamoDbService): Server {
  const entry = dynamoDbServiceEntry((operation, input) => service.runParsed(operation, input));
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const ctx = {
        requestId: 'test',
        region: DEFAULT_ACCOUNT.region,
        accountId: DEFAULT_ACCOUNT.accountId,
        caller: { accessKeyId: 'test', kind: 'root' as const },
      };
      const request = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      entry
        .handle(request, ctx, async () => {})
        .then(
          (wire) => {
            res.writeHead(wire.status, wire.headers);
            res.end(wire.body);
          },
          (error: unknown) => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(String(error));
          },
        );
    });
  });
}

export async function serveDynamoDb(service: DynamoDbService): Promise<ServedDynamoDb> {
  const server = dynamoDbTestServer(service);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface ServiceUnderTest {
  readonly service: DynamoDbService;
  /** A real SDK client on the served wire protocol. */
  readonly client: DynamoDBClient;
  /** Stops the client, the server and the service, and removes the directory. */
  close(): Promise<void>;
}

/**
 * A service in a new temporary directory, with each of `tables` (hash key `id`, a string) ACTIVE,
 * served on 127.0.0.1, and an SDK client for it (one attempt per call).
 */
export async function openServiceUnderTest(
  tables: readonly string[],
  options: Pick<DynamoDbServiceOptions, 'onBackgroundError'> = {},
): Promise<ServiceUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-dynamodb-'));
  const service = await DynamoDbService.open({
    dataDir,
    clock: new VirtualClock(Date.UTC(2026, 0, 1)),
    account: DEFAULT_ACCOUNT,
    ...options,
  });
  for (const TableName of tables) {
    await service.createTable({
      TableName,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    await service.waitUntilActive(TableName);
  }
  const served = await serveDynamoDb(service);
  const client = new DynamoDBClient({
    endpoint: served.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return {
    service,
    client,
    close: async () => {
      client.destroy();
      await served.close();
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
