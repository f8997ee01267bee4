/**
 * Serves a DynamoDbService's wire protocol on 127.0.0.1:0 for tests that drive it with a real
 * SDK client or raw HTTP: the service entry as the edge runs it (body read once, then `handle`),
 * for the account root (no IAM checks), without the edge's signature verification.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import type { DynamoDbService } from './service.ts';
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
