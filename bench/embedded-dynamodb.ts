/**
 * The in-process baseline's store: the engine's own DynamoDbService (dynalite on LevelDB with the
 * engine's batching, table cache and parsing), served over DynamoDB's JSON protocol on a port of
 * the baseline's own process. No signature check and no IAM: the store alone, as a user embedding
 * the same library would run it. Resolves with its URL once the bench table exists.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  DEFAULT_ACCOUNT,
  DynamoDbService,
  RealClock,
  tablePropertiesToCreateTable,
} from '../engine/src/index.ts';

export async function serveEmbeddedDynamoDb(
  dataDir: string,
  tableName: string,
  tableProperties: Record<string, unknown>,
): Promise<string> {
  const service = await DynamoDbService.open({
    dataDir: join(dataDir, 'dynamodb'),
    clock: new RealClock(),
    account: DEFAULT_ACCOUNT,
  });
  const plan = tablePropertiesToCreateTable(tableProperties, tableName);
  await service.call('CreateTable', { ...plan.createTable });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // `X-Amz-Target: DynamoDB_20120810.PutItem`
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const answer = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(body));
      };
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        answer(400, { __type: 'SerializationException', message: 'body is not JSON' });
        return;
      }
      service.runParsed(operation, input).then(
        (result) => answer(200, result),
        (error: Error & { code?: string; statusCode?: number }) =>
          answer(error.statusCode ?? 400, {
            __type: `com.amazonaws.dynamodb.v20120810#${error.code ?? error.name}`,
            message: error.message,
          }),
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
