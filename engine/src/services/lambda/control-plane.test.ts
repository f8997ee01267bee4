import { afterEach, describe, expect, it } from 'vitest';
import { ASYNC_PAYLOAD_LIMIT, SYNC_PAYLOAD_LIMIT } from './index.ts';
import { createFixture, type Fixture, functionConfig, invokeSync } from './service.fixture.ts';

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('function control plane', () => {
  const fixtures: Fixture[] = [];
  afterEach(async () => {
    await Promise.all(fixtures.map((f) => f.service.close()));
    fixtures.length = 0;
  });
  const start = (dataDir?: string): Fixture => {
    const fixture = createFixture(dataDir ? { dataDir } : {});
    fixtures.push(fixture);
    return fixture;
  };

  it('creates, describes and lists functions, and reloads them after a restart', () => {
    // Prepare
    const first = start();

    // Act
    const created = first.service.createFunction(
      functionConfig('exports.handler = async () => 1;', {
        environment: { A: 'b' },
        deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:q',
      }),
    );
    const reloaded = start(first.dataDir);

    // Assess
    expect(created).toMatchObject({
      FunctionName: 'fn',
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Timeout: 3,
      MemorySize: 128,
      Version: '$LATEST',
      State: 'Active',
      Environment: { Variables: { A: 'b' } },
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/fn' },
      DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:000000000000:q' },
    });
    expect(reloaded.service.getFunction('arn:aws:lambda:us-east-1:000000000000:function:fn')).toEqual(
      created,
    );
    expect(reloaded.service.listFunctions().map((f) => f.FunctionName)).toEqual(['fn']);
  });

  it.each([
    ['a duplicate name', {}, 'ResourceConflictException'],
    ['a reserved variable', { environment: { AWS_REGION: 'x' } }, 'InvalidParameterValueException'],
    ['a Python runtime', { runtime: 'python3.12' }, 'InvalidParameterValueException'],
    ['a timeout over 900 s', { timeoutSeconds: 901 }, 'InvalidParameterValueException'],
    ['too little memory', { memorySizeMb: 64 }, 'InvalidParameterValueException'],
  ])('refuses %s', (_name, overrides, code) => {
    // Prepare
    const fixture = start();
    fixture.service.createFunction(functionConfig('exports.handler = async () => 1;', { name: 'taken' }));

    // Act
    const error = thrown(() =>
      fixture.service.createFunction(
        functionConfig('exports.handler = async () => 1;', { name: 'taken', ...overrides }),
      ),
    );

    // Assess
    expect(error).toMatchObject({ code });
  });

  it('answers ResourceNotFoundException for unknown and deleted functions', async () => {
    // Prepare
    const fixture = start();
    fixture.service.createFunction(functionConfig('exports.handler = async () => 1;'));
    await invokeSync(fixture.service);

    // Act
    await fixture.service.deleteFunction('fn');
    const error = await invokeSync(fixture.service).catch((e: unknown) => e);

    // Assess
    expect(error).toMatchObject({ code: 'ResourceNotFoundException', status: 404 });
    expect((error as Error).message).toBe(
      'Function not found: arn:aws:lambda:us-east-1:000000000000:function:fn',
    );
    expect(thrown(() => fixture.service.getFunction('missing'))).toMatchObject({
      code: 'ResourceNotFoundException',
    });
  });

  it('serves new code from new environments after an update', async () => {
    // Prepare
    const fixture = start();
    fixture.service.createFunction(functionConfig('exports.handler = async () => "v1";'));
    const before = await invokeSync(fixture.service);

    // Act
    fixture.service.updateFunction('fn', {
      code: 'exports.handler = async () => process.env.STAGE;',
      environment: { STAGE: 'v2' },
    });
    const after = await invokeSync(fixture.service);

    // Assess
    expect([before.payload, after.payload]).toEqual(['"v1"', '"v2"']);
  });

  it('refuses payloads over 6 MB synchronously and over 1 MB asynchronously with 413', async () => {
    // Prepare
    const fixture = start();
    fixture.service.createFunction(functionConfig('exports.handler = async (e) => e.length;'));
    const sized = (bytes: number) => JSON.stringify('x'.repeat(bytes - 2));

    // Act
    const syncTooLarge = await fixture.service
      .invoke({
        functionName: 'fn',
        payload: sized(SYNC_PAYLOAD_LIMIT + 1),
        invocationType: 'RequestResponse',
      })
      .catch((e: unknown) => e);
    const asyncTooLarge = await fixture.service
      .invoke({ functionName: 'fn', payload: sized(ASYNC_PAYLOAD_LIMIT + 1), invocationType: 'Event' })
      .catch((e: unknown) => e);
    const asyncAtLimit = await fixture.service.invoke({
      functionName: 'fn',
      payload: sized(ASYNC_PAYLOAD_LIMIT),
      invocationType: 'Event',
    });
    const syncLarge = await fixture.service.invoke({
      functionName: 'fn',
      payload: sized(2 * ASYNC_PAYLOAD_LIMIT),
      invocationType: 'RequestResponse',
    });

    // Assess
    expect(syncTooLarge).toMatchObject({ code: 'RequestEntityTooLargeException', status: 413 });
    expect(asyncTooLarge).toMatchObject({ code: 'RequestEntityTooLargeException', status: 413 });
    expect(asyncAtLimit.statusCode).toBe(202);
    expect(syncLarge.payload).toBe(String(2 * ASYNC_PAYLOAD_LIMIT - 2));
  });

  it('answers 204 to DryRun without running the function', async () => {
    // Prepare
    const fixture = start();
    fixture.service.createFunction(functionConfig('exports.handler = async () => 1;'));

    // Act
    const result = await fixture.service.invoke({
      functionName: 'fn',
      payload: '{}',
      invocationType: 'DryRun',
    });

    // Assess
    expect(result.statusCode).toBe(204);
    expect(fixture.metricValues('Invocations', 'fn')).toEqual([]);
  });
});
