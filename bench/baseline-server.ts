/**
 * The benchmark's baseline: a plain Node http server that calls the same bundled handler (the
 * template's inline code) in-process with the same AWS SDK, against the same embedded DynamoDB
 * (the engine's DynamoDbService on LevelDB, served on its own port). No gateway, no execution
 * environments, no IAM: what the local cloud's request path is measured against.
 * Prints `READY <apiUrl> <dynamodbUrl>` when it serves.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import {
  DEFAULT_ACCOUNT,
  DynamoDbService,
  RealClock,
  tablePropertiesToCreateTable,
} from '../engine/src/index.ts';
import { apiEvent } from '../functions/request-processor/src/events.fixture.ts';
import { readTemplateFunction } from './template-function.ts';

const dataDir = resolve(process.argv[2] ?? '.bench/baseline');
const TABLE = 'bench-requests';

const dynamodb = await DynamoDbService.open({
  dataDir: join(dataDir, 'dynamodb'),
  clock: new RealClock(),
  account: DEFAULT_ACCOUNT,
});
const dynamoServer = createServer(dynamodb.handle);
await new Promise<void>((done) => dynamoServer.listen(0, '127.0.0.1', done));
const dynamoUrl = `http://127.0.0.1:${(dynamoServer.address() as AddressInfo).port}`;

const fn = readTemplateFunction();
const plan = tablePropertiesToCreateTable(fn.tableProperties, TABLE);
await dynamodb.createTable(plan.createTable).catch((error: Error) => {
  if (!/already exists|in use/i.test(error.message)) throw error;
});

Object.assign(process.env, {
  AWS_ENDPOINT_URL: dynamoUrl,
  AWS_REGION: DEFAULT_ACCOUNT.region,
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

process.on('SIGTERM', () => {
  api.close();
  dynamoServer.close();
  void dynamodb.close().then(() => process.exit(0));
});
