import { describe, expect, it } from 'vitest';
import { failureResponse, invalidJsonResponse, isTransient, processedResponse } from './responses.ts';

function named(
  name: string,
  message = 'details with arn:aws:dynamodb:us-east-1:123456789012:table/t',
): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function withCode(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:4566`), { code });
}

describe('isTransient', () => {
  it.each<[string, unknown, boolean]>([
    ['throughput exceeded', named('ProvisionedThroughputExceededException'), true],
    ['throttling', named('ThrottlingException'), true],
    ['request limit', named('RequestLimitExceeded'), true],
    ['internal server error', named('InternalServerError'), true],
    ['service unavailable', named('ServiceUnavailable'), true],
    ['S3 slow down', named('SlowDown'), true],
    ['SDK timeout', named('TimeoutError'), true],
    ['connection refused', withCode('ECONNREFUSED'), true],
    ['connection reset', withCode('ECONNRESET'), true],
    ['aggregate of refusals', new AggregateError([withCode('ECONNREFUSED')]), true],
    ['missing table', named('ResourceNotFoundException'), false],
    ['validation', named('ValidationException'), false],
    ['access denied', named('AccessDeniedException'), false],
    ['plain error', new Error('boom'), false],
    ['a thrown string', 'boom', false],
  ])('%s -> %s', (_label, error, expected) => {
    expect(isTransient(error)).toBe(expected);
  });
});

describe('responses', () => {
  it('answers 200 with the message, id and timestamp as JSON and no CORS headers', () => {
    expect(processedResponse('r1', '2026-11-25T20:31:07.123Z')).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"message":"Request processed successfully","requestId":"r1","timestamp":"2026-11-25T20:31:07.123Z"}',
    });
  });

  it('answers 400 for invalid JSON', () => {
    const response = invalidJsonResponse('r1');
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(String(response.body))).toEqual({
      error: 'InvalidJson',
      message: 'Request body is not valid JSON',
      requestId: 'r1',
    });
  });

  it('answers 503 with retry-after for a transient failure, without its text', () => {
    const response = failureResponse(named('ThrottlingException'), 'r1');
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('1');
    expect(JSON.parse(String(response.body))).toMatchObject({ error: 'ServiceUnavailable', requestId: 'r1' });
    expect(response.body).not.toContain('arn:');
  });

  it('answers 500 for anything else, without its text', () => {
    const response = failureResponse(named('AccessDeniedException'), 'r1');
    expect(response.statusCode).toBe(500);
    expect(response.headers?.['retry-after']).toBeUndefined();
    expect(JSON.parse(String(response.body))).toEqual({
      error: 'InternalError',
      message: 'Internal server error',
      requestId: 'r1',
    });
  });
});
