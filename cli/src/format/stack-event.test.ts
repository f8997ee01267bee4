import { describe, expect, it } from 'vitest';
import { formatStackEvent } from './stack-event.ts';
import { table } from './style.ts';

describe('stack event lines', () => {
  it('prints time, status, type, logical id and reason without colour when colour is off', () => {
    const line = formatStackEvent(
      {
        timestamp: Date.UTC(2026, 10, 25, 12, 0, 1),
        logicalId: 'DeadLetterQueue',
        resourceType: 'AWS::SQS::Queue',
        status: 'CREATE_FAILED',
        reason: 'boom',
      },
      false,
    );
    expect(line).toBe(
      `12:00:01  CREATE_FAILED         ${'AWS::SQS::Queue'.padEnd(38)} DeadLetterQueue  boom`,
    );
  });

  it('colours failures red when colour is on', () => {
    const line = formatStackEvent(
      { timestamp: 0, logicalId: 'X', resourceType: 'T', status: 'CREATE_FAILED' },
      true,
    );
    expect(line).toContain('\u001b[31m');
  });
});

describe('table', () => {
  it('aligns columns by visible width', () => {
    expect(
      table([
        ['a', 'bb', 'c'],
        ['ccc', 'd', 'e'],
      ]),
    ).toBe('a    bb  c\nccc  d   e');
  });
});
