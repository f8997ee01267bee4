import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { isAwsError } from '../../runtime/aws-error.ts';
import { createFixture, type Fixture, functionConfig, invokeSync } from './service.fixture.ts';

const COUNTER = `
let invocations = 0;
let inits = (globalThis.__inits = (globalThis.__inits || 0) + 1);
const envId = Math.random().toString(36).slice(2);
exports.handler = async () => ({ invocations: ++invocations, envId });
`;

// Each invocation waits until `expected` invocations have arrived, so they are provably concurrent.
const RENDEZVOUS = `
const envId = Math.random().toString(36).slice(2);
let inFlight = 0;
exports.handler = async (event) => {
  inFlight++;
  const maxInFlight = inFlight;
  globalThis.__arrived = (globalThis.__arrived || 0) + 1;
  while (globalThis.__arrived < event.expected) await new Promise((r) => setTimeout(r, 2));
  inFlight--;
  return { envId, maxInFlight };
};
`;

describe('execution environments', () => {
  let fixture: Fixture;
  afterEach(async () => fixture?.service.close());

  it('initialises once, then reuses the warm environment with its module state', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(functionConfig(COUNTER));

    // Act
    const first = JSON.parse((await invokeSync(fixture.service)).payload);
    const second = JSON.parse((await invokeSync(fixture.service)).payload);

    // Assess
    expect(first).toMatchObject({ invocations: 1 });
    expect(second).toEqual({ invocations: 2, envId: first.envId });
    const reports = fixture.messages().filter((m) => m.startsWith('REPORT'));
    expect(reports[0]).toContain('Init Duration:');
    expect(reports[1]).not.toContain('Init Duration:');
  });

  it('serves concurrent invocations from separate environments, one request each', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(functionConfig(RENDEZVOUS));

    // Act
    const results = await Promise.all([1, 2, 3].map(() => invokeSync(fixture.service, { expected: 3 })));

    // Assess
    const bodies = results.map((r) => JSON.parse(r.payload));
    expect(new Set(bodies.map((b) => b.envId)).size).toBe(3);
    expect(bodies.every((b) => b.maxInFlight === 1)).toBe(true);
    expect(Math.max(...fixture.metricValues('ConcurrentExecutions', 'fn'))).toBe(3);
    expect(fixture.metricValues('ConcurrentExecutions')).toContain(3);
  });

  it('throttles beyond reserved concurrency with 429 and counts Throttles', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(functionConfig(RENDEZVOUS, { reservedConcurrency: 1 }));
    const running = invokeSync(fixture.service, { expected: 2 });

    // Act
    const rejected = await invokeSync(fixture.service, { expected: 2 }).catch((error: unknown) => error);

    // Assess
    expect(isAwsError(rejected) && rejected.code).toBe('TooManyRequestsException');
    expect(isAwsError(rejected) && rejected.status).toBe(429);
    expect(fixture.metricValues('Throttles', 'fn')).toEqual([1]);
    void running;
  });

  it('throttles beyond the account concurrency limit', async () => {
    // Prepare
    fixture = createFixture({ accountConcurrencyLimit: 2 });
    fixture.service.createFunction(functionConfig(RENDEZVOUS));
    const running = [
      invokeSync(fixture.service, { expected: 3 }),
      invokeSync(fixture.service, { expected: 3 }),
    ];

    // Act
    const rejected = await invokeSync(fixture.service, { expected: 3 }).catch((error: unknown) => error);

    // Assess
    expect(isAwsError(rejected) && rejected.code).toBe('TooManyRequestsException');
    void running;
  });

  it('gives the function its variables, the reserved ones and a per-environment log stream', async () => {
    // Prepare
    fixture = createFixture();
    const code =
      'exports.handler = async (e, ctx) => ({ env: process.env, ctx: { ...ctx, remaining: ctx.getRemainingTimeInMillis() } });';
    fixture.service.createFunction(
      functionConfig(code, { environment: { TABLE_NAME: 'requests' }, memorySizeMb: 256 }),
    );

    // Act
    const { env, ctx } = JSON.parse((await invokeSync(fixture.service)).payload);

    // Assess
    expect(env).toMatchObject({
      TABLE_NAME: 'requests',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: 'fn',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fn',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      LAMBDA_TASK_ROOT: '/var/task',
      _HANDLER: 'index.handler',
      TZ: ':UTC',
      AWS_ACCESS_KEY_ID: 'AKIA-fn-role',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
    });
    expect(env.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^2026\/01\/01\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(ctx).toMatchObject({
      functionName: 'fn',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/fn',
      logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(ctx.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ctx.remaining).toBeGreaterThan(2000);
    expect(ctx.remaining).toBeLessThanOrEqual(3000);
  });

  it('loads packages from the project node_modules once per host', async () => {
    // Prepare
    fixture = createFixture();
    const code = `
      const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
      exports.handler = async () => ({ same: require('@aws-sdk/client-dynamodb').DynamoDBClient === DynamoDBClient, type: typeof DynamoDBClient });`;
    fixture.service.createFunction(functionConfig(code));

    // Act
    const body = JSON.parse((await invokeSync(fixture.service)).payload);

    // Assess
    expect(body).toEqual({ same: true, type: 'function' });
  });

  it('runs a bundled JavaScript host entry as the CLI bundle does', async () => {
    // Prepare
    const outdir = mkdtempSync(join(tmpdir(), 'tapstack-lambda-host-'));
    await build({
      entryPoints: { 'lambda-host': new URL('./host/host-main.ts', import.meta.url).pathname },
      outdir,
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    fixture = createFixture({ hostEntry: join(outdir, 'lambda-host.js') });
    fixture.service.createFunction(functionConfig(COUNTER));

    // Act
    const result = await invokeSync(fixture.service);

    // Assess
    expect(JSON.parse(result.payload)).toMatchObject({ invocations: 1 });
  });
});
