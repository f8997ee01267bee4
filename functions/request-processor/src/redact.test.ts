import { describe, expect, it } from 'vitest';
import { isSecretHeader, REDACTED, redactCookies, redactHeaders } from './redact.ts';

describe('isSecretHeader', () => {
  it.each([
    ['authorization', true],
    ['Authorization', true],
    ['cookie', true],
    ['proxy-authorization', true],
    ['x-api-key', true],
    ['x-amz-security-token', true],
    ['x-csrf-token', true],
    ['x-client-secret', true],
    ['x-password', true],
    ['my-api-key-v2', true],
    ['x-session-id', true],
    ['x-hub-signature-256', true],
    ['content-type', false],
    ['user-agent', false],
    ['x-forwarded-for', false],
    ['x-amzn-trace-id', false],
    ['accept', false],
  ])('%s -> %s', (name, secret) => {
    expect(isSecretHeader(name)).toBe(secret);
  });
});

describe('redactHeaders', () => {
  it('replaces secret values, keeps the rest, and drops absent values', () => {
    // Prepare
    const headers = { authorization: 'Bearer abc', accept: 'text/html', 'x-token': 'zzz', empty: undefined };

    // Act
    const redacted = redactHeaders(headers);

    // Assess
    expect(redacted).toEqual({ authorization: REDACTED, accept: 'text/html', 'x-token': REDACTED });
  });
});

describe('redactCookies', () => {
  it.each([
    [['sid=abc'], ['sid=[REDACTED]']],
    [
      ['a=1', ' b = 2 '],
      ['a=[REDACTED]', 'b=[REDACTED]'],
    ],
    [['flag'], ['flag=[REDACTED]']],
    [['jwt=a.b=c'], ['jwt=[REDACTED]']],
  ])('%j -> %j', (cookies, expected) => {
    expect(redactCookies(cookies)).toEqual(expected);
  });
});
