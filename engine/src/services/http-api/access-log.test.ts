import { describe, expect, it } from 'vitest';
import { formatHasRequestId, logGroupNameFromArn, renderAccessLog } from './access-log.ts';

describe('renderAccessLog', () => {
  it.each([
    ['$context.requestId', { requestId: 'abc=' }, 'abc='],
    ['$context.status $context.responseLength', { status: 200, responseLength: 0 }, '200 0'],
    ['"$context.routeKey"', {}, '"-"'],
    [
      '$context.integration.latency|$context.integrationLatency',
      { 'integration.latency': 5, integrationLatency: 5 },
      '5|5',
    ],
    ['$context.identity.sourceIp', { 'identity.sourceIp': '10.0.0.1' }, '10.0.0.1'],
    ['$context.status.', { status: 404 }, '404.'],
    ['$context.status.extra', { status: 404 }, '404.extra'],
    ['$context.unknownVariable', {}, '-'],
    ['$context.error.message', { 'error.message': '' }, '-'],
    ['{"ua":"$context.identity.userAgent"}', { 'identity.userAgent': 'a"b\\c' }, '{"ua":"a\\"b\\\\c"}'],
    ['$context.identity.userAgent', { 'identity.userAgent': 'tab\there' }, 'tab\\there'],
    ['$context.requestId $context.requestId', { requestId: 'x' }, 'x x'],
    ['plain text', {}, 'plain text'],
    ['{"e":$context.error.messageString}', { 'error.messageString': '"Not Found"' }, '{"e":"Not Found"}'],
  ])('%s with %j -> %s', (format, values, expected) => {
    expect(renderAccessLog(format, values)).toBe(expected);
  });

  it('renders a format it has seen before with the new request values', () => {
    const format = '{"id":"$context.requestId","status":$context.status}';
    expect(renderAccessLog(format, { requestId: 'a', status: 200 })).toBe('{"id":"a","status":200}');
    expect(renderAccessLog(format, { requestId: 'b"', status: 500 })).toBe('{"id":"b\\"","status":500}');
    expect(renderAccessLog(format, {})).toBe('{"id":"-","status":-}');
  });
});

describe('logGroupNameFromArn', () => {
  it.each([
    ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/http-api/access', '/aws/http-api/access'],
    ['arn:aws:logs:us-east-1:123456789012:log-group:my-group:*', 'my-group'],
    ['arn:aws:s3:::bucket', undefined],
    ['my-group', undefined],
  ])('%s -> %s', (arn, name) => {
    expect(logGroupNameFromArn(arn)).toBe(name);
  });
});

describe('formatHasRequestId', () => {
  it.each([
    ['$context.requestId', true],
    ['{"id":"$context.extendedRequestId"}', true],
    ['$context.requestIdentity', false],
    ['$context.status', false],
  ])('%s -> %s', (format, expected) => {
    expect(formatHasRequestId(format)).toBe(expected);
  });
});
