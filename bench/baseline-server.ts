/**
 * The benchmark's baselines, what a user without TapStack runs: a plain Node http server that
 * calls the same bundled handler (the template's inline code) in-process with the same AWS SDK v3
 * client. No gateway, no execution environments, no IAM. Its store is either
 * - `baseline-server.ts <dynalite-url>`: stock dynalite in its own process (bench/dynalite-server.mjs),
 *   the independent baseline; or
 * - `baseline-server.ts --embedded <dir>`: the engine's own DynamoDbService in this process
 *   (embedded-dynamodb.ts), the in-process baseline, which gets every DynamoDB improvement the
 *   engine gets.
 * Creates the bench table, then prints `READY <apiUrl> <dynamodbUrl>` when it serves.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { apiEvent } from '../functions/request-processor/src/events.fixture.ts';
import { serveEmbeddedDynamoDb } from './embedded-dynamodb.ts';
import { readTemplateFunction } from './template-function.ts';

const USAGE = 'usage: baseline-server.ts <dynalite-url> | --embedded <dir>';
const TABLE = 'bench-requests';
const REGION = 'us-east-1';
const fn = readTemplateFunction();

/** Creates the template's table (keys and indexes: stock dynalite knows no SSE, PITR or tags). */
async function createOnDynalite(url: string): Promise<string> {
  const props = fn.tableProperties as {
    AttributeDefinitions: never;
    KeySchema: never;
    GlobalSecondaryIndexes?: never;
  };
  const admin = new DynamoDBClient({
    endpoint: url,
    region: REGION,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  await admin
    .send(
      new CreateTableCommand({
        TableName: TABLE,
        AttributeDefinitions: props.AttributeDefinitions,
        KeySchema: props.KeySchema,
        ...(props.GlobalSecondaryIndexes !== undefined && {
          GlobalSecondaryIndexes: props.GlobalSecondaryIndexes,
        }),
        BillingMode: 'PAY_PER_REQUEST',
      }),
    )
    .catch((error: Error) => {
      if (!/already exists|in use/i.test(error.message)) throw error;
    });
  admin.destroy();
  return url;
}

const [first, second] = process.argv.slice(2);
if (!first) throw new Error(USAGE);
const dynamoUrl =
  first === '--embedded'
    ? await serveEmbeddedDynamoDb(resolve(second ?? '.bench/embedded'), TABLE, fn.tableProperties)
    : await createOnDynalite(first);

Object.assign(process.env, {
  AWS_ENDPOINT_URL: dynamoUrl,
  AWS_REGION: REGION,
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  DYNAMODB_TABLE_NAME: TABLE,
  ARCHIVE_BUCKET_NAME: 'bench-archive',
  BODY_PREFIX: 'request-bodies/',
  RETENTION_DAYS: '90',
});
// Written inside the project so `require('@aws-sdk/...')` resolves from its node_modules.
const codeDir = resolve('.bench/baseline-code');
mkdirSync(codeDir, { recursive: true });
writeFileSync(join(codeDir, 'index.js'), fn.code);
type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{ statusCode: number; headers?: Record<string, string>; body?: string }>;
const handler = (createRequire(join(codeDir, 'index.js'))(join(codeDir, 'index.js')) as { handler: Handler })
  .handler;

const api = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
    );
    const event = apiEvent({
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers,
      body: Buffer.concat(chunks).toString('utf8'),
      requestId: randomBytes(11).toString('base64'),
      timeEpoch: Date.now(),
    });
    handler(event, { awsRequestId: randomBytes(16).toString('hex'), getRemainingTimeInMillis: () => 30_000 })
      .then((result) => {
        res.writeHead(result.statusCode, result.headers ?? {});
        res.end(result.body ?? '');
      })
      .catch(() => {
        res.writeHead(502);
        res.end('{"message":"Internal Server Error"}');
      });
  });
});
api.keepAliveTimeout = 65_000;
await new Promise<void>((done) => api.listen(0, '127.0.0.1', done));
console.log(`READY http://127.0.0.1:${(api.address() as AddressInfo).port} ${dynamoUrl}`);

process.on('SIGTERM', () => api.close(() => process.exit(0)));
