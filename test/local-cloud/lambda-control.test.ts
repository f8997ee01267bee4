import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetPolicyCommand,
  InvokeCommand,
  type LambdaClient,
  ListTagsCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAME, type LocalCloud, postJson, startLocalCloud } from '../support/local-cloud.fixture.ts';

const run = promisify(execFile);
const awsCliPresent = await run('aws', ['--version']).then(
  () => true,
  () => false,
);
if (!awsCliPresent && process.env.CI === 'true') throw new Error('the AWS CLI is required under CI=true');
if (!awsCliPresent) console.warn('[lambda-control.test] AWS CLI tests NOT RUN: `aws` is not installed.');

let cloud: LocalCloud;
let lambda: LambdaClient;
let dir: string;
beforeAll(async () => {
  cloud = await startLocalCloud();
  lambda = cloud.lambda();
  dir = mkdtempSync(join(tmpdir(), 'tapstack-zip-'));
});
afterAll(async () => {
  await cloud?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function aws(...args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  return run('aws', ['--endpoint-url', cloud.endpointUrl, '--output', 'json', ...args], {
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
    },
  }).then(
    ({ stdout, stderr }) => ({ ok: true, out: stdout, err: stderr }),
    (error: { stdout: string; stderr: string }) => ({ ok: false, out: error.stdout, err: error.stderr }),
  );
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('base64');

/** A handler that answers the API with a marker, so a response says which code served it. */
const markerHandler = (marker: string): string =>
  `exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ marker: ${JSON.stringify(marker)}, greeting: process.env.GREETING ?? null }) });\n`;

function zipFile(name: string, files: Record<string, string>): { path: string; bytes: Uint8Array } {
  const bytes = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])));
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe('the Lambda control API on the endpoint', () => {
  it('describes the deployed function with the size and hash of a real package', async () => {
    // Act
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: FUNCTION_NAME }));
    // Assess
    expect(config.CodeSize).toBeGreaterThan(1000);
    expect(config.CodeSha256).not.toBe(sha256(new Uint8Array()));
    expect(config).toMatchObject({
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 30,
      Runtime: 'nodejs22.x',
    });
  });

  it('answers GetPolicy, GetFunctionEventInvokeConfig and ListTags as the template set them', async () => {
    // Act
    const [policy, invokeConfig, config] = await Promise.all([
      lambda.send(new GetPolicyCommand({ FunctionName: FUNCTION_NAME })),
      lambda.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: FUNCTION_NAME })),
      lambda.send(new GetFunctionConfigurationCommand({ FunctionName: FUNCTION_NAME })),
    ]);
    const tags = await lambda.send(new ListTagsCommand({ Resource: config.FunctionArn }));
    // Assess
    const document = JSON.parse(policy.Policy ?? '{}') as {
      Statement: { Principal: { Service: string }; Action: string; Resource: string }[];
    };
    expect(document.Statement.map((s) => s.Principal.Service).sort()).toEqual([
      'apigateway.amazonaws.com',
      'events.amazonaws.com',
    ]);
    expect(document.Statement.every((s) => s.Resource === config.FunctionArn)).toBe(true);
    expect(invokeConfig).toMatchObject({
      FunctionArn: `${config.FunctionArn}:$LATEST`,
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
    });
    expect(invokeConfig.LastModified).toBeInstanceOf(Date);
    expect(tags.Tags).toEqual({ Environment: 'dev' });
  });

  it('returns the invocation log tail (at most 4 KB, base64) with LogType Tail', async () => {
    // Act
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: FUNCTION_NAME, LogType: 'Tail', Payload: Buffer.from('{}') }),
    );
    // Assess
    const log = Buffer.from(out.LogResult ?? '', 'base64');
    expect(log.length).toBeGreaterThan(0);
    expect(log.length).toBeLessThanOrEqual(4096);
    expect(log.toString()).toContain('platform.report');
    expect(log.toString()).toContain(out.$metadata.requestId ?? 'no request id');
  });

  it('updates environment, timeout and memory, and the next invocation sees them', async () => {
    // Act
    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: FUNCTION_NAME,
        Timeout: 10,
        MemorySize: 512,
        Environment: { Variables: { GREETING: 'hello' } },
      }),
    );
    const read = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: FUNCTION_NAME }));
    // Assess
    expect(updated).toMatchObject({ Timeout: 10, MemorySize: 512 });
    expect(read).toMatchObject({
      Timeout: 10,
      MemorySize: 512,
      Environment: { Variables: { GREETING: 'hello' } },
    });
    expect(read.CodeSha256).toBe(updated.CodeSha256);
  });

  it.skipIf(!awsCliPresent)(
    'replaces the code with `aws lambda update-function-code --zip-file`',
    async () => {
      // Prepare
      const zip = zipFile('v2.zip', { 'index.js': markerHandler('v2') });
      // Act
      const updated = await aws(
        'lambda',
        'update-function-code',
        '--function-name',
        FUNCTION_NAME,
        '--zip-file',
        `fileb://${zip.path}`,
      );
      const read = await aws('lambda', 'get-function-configuration', '--function-name', FUNCTION_NAME);
      const response = await postJson(cloud.apiUrl, { after: 'update' });
      // Assess
      expect(updated.ok, updated.err).toBe(true);
      const config = JSON.parse(read.out) as { CodeSize: number; CodeSha256: string };
      expect(config.CodeSize).toBe(zip.bytes.byteLength);
      expect(config.CodeSha256).toBe(sha256(zip.bytes));
      expect(response.status).toBe(200);
      expect(response.json).toEqual({ marker: 'v2', greeting: 'hello' });
    },
  );

  it.skipIf(!awsCliPresent)('refuses a file that is not a zip, and the old code keeps serving', async () => {
    // Prepare
    // The CLI itself refuses a file without a zip directory; this one has it, and damaged contents.
    const damaged = Buffer.from(
      zipFile('damaged.zip', { 'index.js': markerHandler('broken').repeat(20) }).bytes,
    );
    damaged.fill(0xff, 40, 60);
    const path = join(dir, 'damaged.zip');
    writeFileSync(path, damaged);
    // Act
    const result = await aws(
      'lambda',
      'update-function-code',
      '--function-name',
      FUNCTION_NAME,
      '--zip-file',
      `fileb://${path}`,
    );
    const response = await postJson(cloud.apiUrl, {});
    // Assess
    expect(result.ok).toBe(false);
    expect(result.err).toContain('(InvalidParameterValueException)');
    expect(result.err).toContain('Could not unzip uploaded file');
    expect(response.json).toMatchObject({ marker: 'v2' });
  });

  it.skipIf(!awsCliPresent)(
    'refuses a zip without the handler file, naming it, and the old code keeps serving',
    async () => {
      // Prepare
      const zip = zipFile('wrong.zip', { 'app.js': markerHandler('v3') });
      // Act
      const result = await aws(
        'lambda',
        'update-function-code',
        '--function-name',
        FUNCTION_NAME,
        '--zip-file',
        `fileb://${zip.path}`,
      );
      const response = await postJson(cloud.apiUrl, {});
      const read = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: FUNCTION_NAME }));
      // Assess
      expect(result.ok).toBe(false);
      expect(result.err).toContain('(InvalidParameterValueException)');
      expect(result.err).toContain('index.js');
      expect(result.err).toContain('app.js');
      expect(response.json).toMatchObject({ marker: 'v2' });
      expect(read.CodeSha256).not.toBe(sha256(zip.bytes));
    },
  );
});
