import { afterEach, describe, expect, it } from 'vitest';
import { createFixture, type Fixture, functionConfig, invokeSync } from './service.fixture.ts';

/** Init failures reach the function's log group, as Lambda writes them, not only the invoke answer. */
describe('init errors in the function log', () => {
  let fixture: Fixture;
  afterEach(async () => fixture?.service.close());

  it.each([
    [
      'a throw at top level',
      'console.log("starting");\nthrow new Error("init boom");',
      'Error',
      'init boom',
      'Runtime.Unknown',
    ],
    [
      'a syntax error',
      'exports.handler = async (event => 1;',
      'Runtime.UserCodeSyntaxError',
      '',
      'Runtime.UserCodeSyntaxError',
    ],
    [
      'a missing handler',
      'exports.other = async () => 1;',
      'Runtime.HandlerNotFound',
      'index.handler is undefined or not exported',
      'Runtime.HandlerNotFound',
    ],
  ])(
    '%s: INIT_START, the Uncaught Exception record, then REPORT with Status: error (Text)',
    async (_case, code, errorType, message, reportType) => {
      fixture = createFixture();
      fixture.service.createFunction(functionConfig(code));

      const result = await invokeSync(fixture.service, {});

      expect(result.functionError).toBe('Unhandled');
      const lines = fixture.messages();
      expect(lines[0]).toMatch(/^INIT_START Runtime Version: /);
      const record = lines.find((line) => line.includes('\tERROR\tUncaught Exception \t'));
      expect(record).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z\tundefined\tERROR\tUncaught Exception \t\{/);
      const error = JSON.parse(record?.split('\t').at(-1) ?? '{}') as {
        errorType: string;
        errorMessage: string;
        stack: string[];
      };
      expect(error.errorType).toBe(errorType);
      expect(error.errorMessage).toContain(message);
      expect(Array.isArray(error.stack)).toBe(true);
      expect(lines.indexOf(record as string)).toBeLessThan(
        lines.findIndex((l) => l.startsWith('START RequestId:')),
      );
      expect(lines.at(-1)).toMatch(
        new RegExp(
          `^REPORT RequestId: ${result.requestId}\\t.*\\tStatus: error\\tError Type: ${reportType.replace('.', '\\.')}$`,
        ),
      );
    },
  );

  it('writes the error as a JSON record and the platform.report status in JSON format', async () => {
    fixture = createFixture();
    fixture.service.createFunction(
      functionConfig('throw new TypeError("bad config");', { logFormat: 'JSON' }),
    );

    await invokeSync(fixture.service, {});

    const records = fixture.messages().map((m) => JSON.parse(m) as Record<string, unknown>);
    expect(records[0]?.type).toBe('platform.initStart');
    expect(records).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'Uncaught Exception',
        errorType: 'TypeError',
        errorMessage: 'bad config',
      }),
    );
    const report = records.find((r) => r.type === 'platform.report') as {
      record: { status: string; errorType: string };
    };
    expect(report.record).toMatchObject({ status: 'error', errorType: 'Runtime.Unknown' });
  });
});
