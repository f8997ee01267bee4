import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRequestTable,
  type FakeS3,
  type LocalDynamo,
  startDynalite,
  startFakeS3,
  TEST_CREDENTIALS,
  TEST_REGION,
} from './backends.fixture.ts';
import { apiEvent } from './events.fixture.ts';

const run = promisify(execFile);
const NODE_MODULES = resolve(import.meta.dirname, '../../../node_modules');
const TABLE = 'bundle-requests';

// Runs the bundle the way the Lambda runtime does: CommonJS `require`, SDK found via NODE_PATH.
const CHILD = `
const loaded = () => Object.keys(require.cache).some((path) => path.includes('client-s3'));
const { handler } = require(process.env.BUNDLE);
const s3AtInit = loaded();
handler(JSON.parse(require('node:fs').readFileSync(process.env.EVENT_FILE, 'utf8'))).then((result) => {
  process.stdout.write(JSON.stringify({ exported: typeof handler, s3AtInit, s3After: loaded(), result }));
});
`;

let dir: string;
let bundlePath: string;
let bundleBytes: number;
let dynamo: LocalDynamo;
let s3: FakeS3;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'request-processor-bundle-'));
  bundlePath = join(dir, 'index.js');
  // The same options the template build uses.
  const output = await build({
    entryPoints: [resolve(import.meta.dirname, 'index.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['@aws-sdk/*'],
    write: false,
  });
  const code = output.outputFiles[0]?.contents ?? new Uint8Array();
  bundleBytes = code.length;
  await writeFile(bundlePath, code);
  dynamo = await startDynalite();
  s3 = await startFakeS3();
  await createRequestTable(dynamo.client, TABLE);
});

afterAll(async () => {
  await dynamo.stop();
  await s3.stop();
  await rm(dir, { recursive: true, force: true });
});

async function invokeBundle(event: unknown) {
  const eventFile = join(dir, 'event.json');
  await writeFile(eventFile, JSON.stringify(event));
  const { stdout } = await run(process.execPath, ['--no-warnings', '-e', CHILD], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_PATH: NODE_MODULES,
      BUNDLE: bundlePath,
      EVENT_FILE: eventFile,
      DYNAMODB_TABLE_NAME: TABLE,
      ARCHIVE_BUCKET_NAME: 'archive',
      AWS_REGION: TEST_REGION,
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL: s3.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    },
  });
  return JSON.parse(stdout) as {
    exported: string;
    s3AtInit: boolean;
    s3After: boolean;
    result: { statusCode: number };
  };
}

describe('the CommonJS bundle inlined in the template', () => {
  it('stays under 12 KB so the template stays under 51,200 bytes', () => {
    expect(bundleBytes).toBeGreaterThan(0);
    expect(bundleBytes).toBeLessThan(12 * 1024);
  });

  it('exports handler and does not load the S3 client for an ordinary request', async () => {
    // Prepare
    const event = apiEvent({ method: 'POST', body: 'small' });

    // Act
    const child = await invokeBundle(event);

    // Assess
    expect(child.exported).toBe('function');
    expect(child.result.statusCode).toBe(200);
    expect(child.s3AtInit).toBe(false);
    expect(child.s3After).toBe(false);
  });

  it('loads the S3 client on demand for an oversized body and stores the pointer', async () => {
    // Prepare
    const event = apiEvent({
      method: 'POST',
      body: 'z'.repeat(400_000),
      headers: { 'content-type': 'text/csv' },
    });
    const before = s3.received.length;

    // Act
    const child = await invokeBundle(event);

    // Assess
    expect(child.s3AtInit).toBe(false);
    expect(child.s3After).toBe(true);
    expect(child.result.statusCode).toBe(200);
    expect(s3.received.slice(before).map((put) => put.body.length)).toEqual([400_000]);
    const { Item } = await dynamo.client.send(
      new GetItemCommand({
        TableName: TABLE,
        Key: {
          RequestId: { S: event.requestContext.requestId },
          Timestamp: { S: new Date(event.requestContext.timeEpoch).toISOString() },
        },
      }),
    );
    expect(Item?.BodyS3Key?.S).toMatch(/^request-bodies\/\d{4}\/\d{2}\/\d{2}\//);
  });
});
