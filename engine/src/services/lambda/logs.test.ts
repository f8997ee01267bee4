import { afterEach, describe, expect, it } from 'vitest';
import { createFixture, type Fixture, functionConfig, invokeSync } from './service.fixture.ts';

const LOGGING = `
console.log('loading');
exports.handler = async (event) => {
  console.log('event', event);
  console.debug('details');
  console.warn({ slow: true });
  console.error('failed', new Error('db down'));
  return 'done';
};`;

describe('function logs', () => {
  let fixture: Fixture;
  afterEach(async () => fixture?.service.close());

  it('writes Text lines framed by START, END and REPORT into the environment stream', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(functionConfig(LOGGING, { memorySizeMb: 256 }));

    // Act
    const result = await invokeSync(fixture.service, { a: 1 });

    // Assess
    const id = result.requestId;
    const lines = fixture.messages();
    expect(lines[0]).toMatch(/^INIT_START Runtime Version: /);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z\tundefined\tINFO\tloading$/);
    expect(lines[2]).toBe(`START RequestId: ${id} Version: $LATEST`);
    expect(lines[3]).toMatch(new RegExp(`Z\\t${id}\\tINFO\\tevent { a: 1 }$`));
    expect(lines[4]).toMatch(new RegExp(`\\t${id}\\tDEBUG\\tdetails$`));
    expect(lines[5]).toMatch(new RegExp(`\\t${id}\\tWARN\\t{ slow: true }$`));
    expect(lines[6]).toMatch(new RegExp(`\\t${id}\\tERROR\\tfailed Error: db down\\n    at `));
    expect(lines[7]).toBe(`END RequestId: ${id}`);
    expect(lines[8]).toMatch(
      new RegExp(
        `^REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 256 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d\\d ms$`,
      ),
    );
    const batch = fixture.logs[0];
    expect(batch?.group).toBe('/aws/lambda/fn');
    expect(batch?.stream).toMatch(/^2026\/01\/01\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it('writes JSON records and filters application lines below ApplicationLogLevel', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(
      functionConfig(LOGGING, { logFormat: 'JSON', applicationLogLevel: 'WARN' }),
    );

    // Act
    const result = await invokeSync(fixture.service, { a: 1 });

    // Assess
    const id = result.requestId;
    const records = fixture.messages().map((m) => JSON.parse(m));
    expect(records.map((r) => r.type ?? r.level)).toEqual([
      'platform.initStart',
      'platform.start',
      'WARN',
      'ERROR',
      'platform.report',
    ]);
    expect(records[1]).toEqual({
      time: '2026-01-01T00:00:00.000Z',
      type: 'platform.start',
      record: { requestId: id, version: '$LATEST' },
    });
    expect(records[2]).toEqual({
      timestamp: expect.any(String),
      level: 'WARN',
      requestId: id,
      message: { slow: true },
    });
    expect(records[3]).toMatchObject({
      level: 'ERROR',
      requestId: id,
      errorType: 'Error',
      errorMessage: 'db down',
      stackTrace: expect.arrayContaining(['Error: db down']),
    });
    expect(records[3].message).toMatch(/^failed Error: db down/);
    expect(records[4]).toMatchObject({
      type: 'platform.report',
      record: {
        requestId: id,
        status: 'success',
        metrics: {
          durationMs: expect.any(Number),
          billedDurationMs: expect.any(Number),
          memorySizeMB: 128,
          maxMemoryUsedMB: expect.any(Number),
          initDurationMs: expect.any(Number),
        },
      },
    });
  });

  it('drops platform records when SystemLogLevel is WARN', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(functionConfig(LOGGING, { logFormat: 'JSON', systemLogLevel: 'WARN' }));

    // Act
    await invokeSync(fixture.service, {});

    // Assess
    const types = fixture.messages().map((m) => JSON.parse(m).type);
    expect(types.filter((t) => t !== undefined)).toEqual([]);
    expect(fixture.messages()).toHaveLength(4);
  });

  it('publishes Invocations, Errors and Duration per function', async () => {
    // Prepare
    fixture = createFixture();
    fixture.service.createFunction(
      functionConfig('exports.handler = async (e) => { if (e.fail) throw new Error("x"); return 1; };'),
    );

    // Act
    await invokeSync(fixture.service, {});
    await invokeSync(fixture.service, { fail: true });

    // Assess
    expect(fixture.metricValues('Invocations', 'fn')).toEqual([1, 1]);
    expect(fixture.metricValues('Errors', 'fn')).toEqual([0, 1]);
    expect(fixture.metricValues('Duration', 'fn')).toHaveLength(2);
    const duration = fixture.metrics.find((m) => m.metricName === 'Duration');
    expect(duration).toMatchObject({
      namespace: 'AWS/Lambda',
      unit: 'Milliseconds',
      timestamp: Date.UTC(2026, 0, 1),
    });
  });
});
