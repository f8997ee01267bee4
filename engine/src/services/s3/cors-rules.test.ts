import { describe, expect, it } from 'vitest';
import { type CorsRule, checkCorsRules, corsAnswerHeaders, matchCorsRule } from './cors-rules.ts';

const rule = (fields: Partial<CorsRule> = {}): CorsRule => ({
  allowedOrigins: ['http://localhost:3000'],
  allowedMethods: ['GET'],
  ...fields,
});

const matches = (r: CorsRule, origin: string, method = 'GET', requestHeaders?: string): boolean =>
  matchCorsRule([r], { origin, method, ...(requestHeaders === undefined ? {} : { requestHeaders }) }) !==
  undefined;

describe('S3 CORS rule matching', () => {
  it.each([
    ['*', 'http://localhost:3000', true],
    ['http://localhost:3000', 'http://localhost:3000', true],
    ['http://localhost:3000', 'http://localhost:3001', false],
    ['http://localhost:3000', 'https://localhost:3000', false],
    ['http://*.localhost:3000', 'http://app.localhost:3000', true],
    ['http://*.localhost:3000', 'http://localhost:3000', false],
    ['http://localhost:*', 'http://localhost:5173', true],
    ['http://localhost:*', 'http://127.0.0.1:5173', false],
    ['http*://localhost', 'https://localhost', true],
    // Origins compare case-sensitively.
    ['http://LOCALHOST:3000', 'http://localhost:3000', false],
    // The text around the wildcard may not overlap.
    ['http://a*a', 'http://a', false],
  ])('AllowedOrigin %s against %s: %s', (pattern, origin, expected) => {
    expect(matches(rule({ allowedOrigins: [pattern] }), origin)).toBe(expected);
  });

  it('needs the method (the preflight’s requested method) among AllowedMethods, exactly', () => {
    const r = rule({ allowedMethods: ['GET', 'PUT'] });
    expect(matches(r, 'http://localhost:3000', 'PUT')).toBe(true);
    expect(matches(r, 'http://localhost:3000', 'DELETE')).toBe(false);
    expect(matches(r, 'http://localhost:3000', 'put')).toBe(false);
  });

  it('needs every requested header among AllowedHeaders, case-insensitively, with wildcards', () => {
    const exact = rule({ allowedHeaders: ['Content-Type', 'x-amz-*'] });
    expect(
      matches(exact, 'http://localhost:3000', 'GET', 'content-type, X-Amz-Date,x-amz-content-sha256'),
    ).toBe(true);
    expect(matches(exact, 'http://localhost:3000', 'GET', 'content-type, authorization')).toBe(false);
    expect(
      matches(rule({ allowedHeaders: ['*'] }), 'http://localhost:3000', 'GET', 'authorization, x-custom'),
    ).toBe(true);
    // Requested headers and no AllowedHeaders: no match; none requested: a match.
    expect(matches(rule(), 'http://localhost:3000', 'GET', 'authorization')).toBe(false);
    expect(matches(rule(), 'http://localhost:3000', 'GET', ' , ')).toBe(true);
  });

  it('takes the first rule that matches', () => {
    const first = rule({ allowedOrigins: ['http://other:1'], id: 'first' });
    const second = rule({ allowedOrigins: ['*'], id: 'second' });
    const third = rule({ id: 'third' });
    expect(
      matchCorsRule([first, second, third], { origin: 'http://localhost:3000', method: 'GET' })?.id,
    ).toBe('second');
  });

  it('answers with the origin and credentials for a named origin, * for the wildcard rule', () => {
    const named = rule({ allowedMethods: ['GET', 'PUT'], exposeHeaders: ['ETag'], maxAgeSeconds: 600 });
    const request = {
      origin: 'http://localhost:3000',
      method: 'PUT',
      requestHeaders: 'Content-Type, X-Amz-Date',
    };
    expect(corsAnswerHeaders(named, request)).toEqual({
      'access-control-allow-origin': 'http://localhost:3000',
      'access-control-allow-credentials': 'true',
      vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
      'access-control-allow-methods': 'GET, PUT',
      'access-control-allow-headers': 'content-type, x-amz-date',
      'access-control-expose-headers': 'ETag',
      'access-control-max-age': '600',
    });
    expect(corsAnswerHeaders(rule({ allowedOrigins: ['*'] }), { origin: 'http://x', method: 'GET' })).toEqual(
      {
        'access-control-allow-origin': '*',
        vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
        'access-control-allow-methods': 'GET',
      },
    );
  });
});

describe('PutBucketCors checks', () => {
  const code = (rules: CorsRule[]): string | undefined => {
    try {
      checkCorsRules(rules);
      return undefined;
    } catch (error) {
      return `${(error as { code: string }).code}: ${(error as Error).message}`;
    }
  };
  it('refuses what S3 refuses, with its codes and messages', () => {
    expect(code([])).toMatch(/^MalformedXML/);
    expect(code(Array.from({ length: 101 }, () => rule()))).toMatch(/^MalformedXML/);
    expect(code(Array.from({ length: 100 }, () => rule()))).toBeUndefined();
    expect(code([rule({ allowedMethods: ['PATCH'] })])).toBe(
      'InvalidRequest: Found unsupported HTTP method in CORS config. Unsupported method is PATCH',
    );
    expect(code([rule({ allowedOrigins: ['http://*.*'] })])).toBe(
      'InvalidRequest: AllowedOrigin "http://*.*" can not have more than one wildcard.',
    );
    expect(code([rule({ allowedHeaders: ['x-*-*'] })])).toBe(
      'InvalidRequest: AllowedHeader "x-*-*" can not have more than one wildcard.',
    );
    expect(code([rule({ exposeHeaders: ['x-amz-*'] })])).toBe(
      'InvalidRequest: ExposeHeader "x-amz-*" contains wildcard. We currently do not support wildcard for ExposeHeader.',
    );
    expect(code([rule({ maxAgeSeconds: -1 })])).toMatch(/^MalformedXML/);
  });
});
