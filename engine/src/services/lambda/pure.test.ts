import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { firstBytes } from './async-queue.ts';
import { logStreamName } from './environment-vars.ts';
import { billedDurationMs, reportEvent, startEvent, systemInfoEnabled } from './log-format.ts';
import { resolveFunctionName } from './names.ts';

describe('resolveFunctionName', () => {
  it.each([
    ['fn', 'fn'],
    ['fn:$LATEST', 'fn'],
    ['000000000000:function:fn', 'fn'],
    ['arn:aws:lambda:us-east-1:000000000000:function:fn', 'fn'],
    ['arn:aws:lambda:us-east-1:000000000000:function:fn:$LATEST', 'fn'],
  ])('reads %s as %s', (reference, name) => {
    expect(resolveFunctionName(DEFAULT_ACCOUNT, reference)).toBe(name);
  });

  it.each([
    ['another account', 'arn:aws:lambda:us-east-1:111111111111:function:fn'],
    ['another Region', 'arn:aws:lambda:eu-west-1:000000000000:function:fn'],
    ['a published version', 'fn:1'],
    ['an invalid name', 'bad name!'],
  ])('refuses %s', (_why, reference) => {
    expect(() => resolveFunctionName(DEFAULT_ACCOUNT, reference)).toThrow(
      expect.objectContaining({ code: 'InvalidParameterValueException' }),
    );
  });
});

describe('platform log lines', () => {
  const at = Date.UTC(2026, 2, 4, 5, 6, 7, 89);

  it.each([
    [0.4, undefined, 1],
    [1.01, undefined, 2],
    [12.3, 100.2, 113],
  ])('bills %d ms (+ init %s ms) as %d ms', (duration, init, billed) => {
    expect(billedDurationMs(duration, init)).toBe(billed);
  });

  it('formats a warm Text REPORT without Init Duration and caps memory at MemorySize', () => {
    const event = reportEvent('Text', at, {
      requestId: 'r1',
      version: '$LATEST',
      durationMs: 1.234,
      memorySizeMb: 128,
      maxMemoryUsedMb: 300,
      status: 'success',
    });
    expect(event).toEqual({
      timestamp: at,
      message:
        'REPORT RequestId: r1\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB',
    });
  });

  it('formats a JSON platform.start record', () => {
    expect(JSON.parse(startEvent('JSON', at, 'r1', '$LATEST').message)).toEqual({
      time: '2026-03-04T05:06:07.089Z',
      type: 'platform.start',
      record: { requestId: 'r1', version: '$LATEST' },
    });
  });

  it.each([
    ['Text', 'WARN', true],
    ['JSON', undefined, true],
    ['JSON', 'DEBUG', true],
    ['JSON', 'WARN', false],
  ] as const)('%s with SystemLogLevel %s shows INFO platform lines: %s', (format, level, shown) => {
    expect(systemInfoEnabled(format, level)).toBe(shown);
  });

  it('names log streams by creation day, version and 32 hex digits', () => {
    expect(logStreamName(at, '$LATEST', 'a'.repeat(32))).toBe(`2026/03/04/[$LATEST]${'a'.repeat(32)}`);
  });
});

describe('firstBytes', () => {
  it.each([
    ['short', 10, 'short'],
    ['abcdef', 3, 'abc'],
    ['ééé', 5, 'éé'],
    ['a😀b', 4, 'a'],
  ])('cuts %s to %d bytes as %s', (text, limit, expected) => {
    expect(firstBytes(text, limit)).toBe(expected);
  });
});
