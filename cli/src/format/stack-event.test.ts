import { describe, expect, it } from 'vitest';
import { formatEngineStackEvent, formatStackEvent } from './stack-event.ts';
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

  it('prints an engine event (ISO timestamp) as the same line as the equivalent view', () => {
    const iso = new Date(Date.UTC(2026, 10, 25, 12, 0, 1)).toISOString();
    const line = formatEngineStackEvent(
      { timestamp: iso, logicalId: 'Api', resourceType: 'AWS::ApiGatewayV2::Api', status: 'UPDATE_COMPLETE' },
      false,
    );
    expect(line).toBe(
      formatStackEvent(
        {
          timestamp: Date.parse(iso),
          logicalId: 'Api',
          resourceType: 'AWS::ApiGatewayV2::Api',
          status: 'UPDATE_COMPLETE',
        },
        false,
      ),
    );
    expect(line.startsWith('12:00:01  UPDATE_COMPLETE')).toBe(true);
  });
});
