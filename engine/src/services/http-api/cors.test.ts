import { describe, expect, it } from 'vitest';
import {
  actualResponseHeaders,
  isPreflight,
  originAllowed,
  preflightHeaders,
  withoutCorsHeaders,
} from './cors.ts';
import type { CorsConfiguration } from './model.ts';

const config: CorsConfiguration = {
  AllowOrigins: ['https://app.example.com', 'http://*'],
  AllowMethods: ['GET', 'POST'],
  AllowHeaders: ['content-type'],
  ExposeHeaders: ['x-id', 'date'],
  MaxAge: 600,
};

describe('isPreflight', () => {
  it.each([
    ['OPTIONS', { origin: 'o', 'access-control-request-method': 'GET' }, true],
    ['options', { origin: 'o', 'access-control-request-method': 'GET' }, true],
    ['OPTIONS', { origin: 'o' }, false],
    ['OPTIONS', { 'access-control-request-method': 'GET' }, false],
    ['GET', { origin: 'o', 'access-control-request-method': 'GET' }, false],
  ])('%s %j -> %s', (method, headers, expected) => {
    expect(isPreflight(method, headers)).toBe(expected);
  });
});

describe('originAllowed', () => {
  it.each([
    ['https://app.example.com', true],
    ['HTTPS://APP.EXAMPLE.COM', true],
    ['http://anything.test:8080', true],
    ['https://other.example.com', false],
    ['https://app.example.com.evil', false],
  ])('%s -> %s', (origin, expected) => {
    expect(originAllowed(config, origin)).toBe(expected);
  });
});

describe('preflightHeaders', () => {
  it.each([
    [
      'an allowed request',
      'https://app.example.com',
      'POST',
      'Content-Type',
      [
        ['access-control-allow-origin', 'https://app.example.com'],
        ['access-control-allow-methods', 'GET,POST'],
        ['access-control-allow-headers', 'content-type'],
        ['access-control-max-age', '600'],
      ],
    ],
    [
      'no requested headers',
      'http://x',
      'GET',
      undefined,
      [
        ['access-control-allow-origin', 'http://x'],
        ['access-control-allow-methods', 'GET,POST'],
        ['access-control-max-age', '600'],
      ],
    ],
    ['a disallowed origin', 'https://evil.test', 'GET', undefined, []],
    ['a disallowed method', 'http://x', 'DELETE', undefined, []],
    ['a disallowed header', 'http://x', 'GET', 'content-type, x-secret', []],
  ])('answers %s', (_name, origin, method, headers, expected) => {
    expect(preflightHeaders(config, origin, method, headers)).toEqual(expected);
  });

  it('allows any method and header with * and echoes the origin with credentials', () => {
    const open: CorsConfiguration = {
      AllowOrigins: ['https://a.test'],
      AllowMethods: ['*'],
      AllowHeaders: ['*'],
      AllowCredentials: true,
    };
    expect(preflightHeaders(open, 'https://a.test', 'PATCH', 'x-anything')).toEqual([
      ['access-control-allow-origin', 'https://a.test'],
      ['access-control-allow-credentials', 'true'],
      ['access-control-allow-methods', '*'],
      ['access-control-allow-headers', '*'],
    ]);
  });
});

describe('actualResponseHeaders', () => {
  it.each([
    [
      config,
      'https://app.example.com',
      [
        ['access-control-allow-origin', 'https://app.example.com'],
        ['access-control-expose-headers', 'x-id,date'],
      ],
    ],
    [{ AllowOrigins: ['*'] }, 'https://a.test', [['access-control-allow-origin', '*']]],
    [
      { AllowOrigins: ['https://a.test'], AllowCredentials: true },
      'https://a.test',
      [
        ['access-control-allow-origin', 'https://a.test'],
        ['access-control-allow-credentials', 'true'],
      ],
    ],
    [config, 'https://evil.test', []],
  ] as const)('config %j origin %s', (cors, origin, expected) => {
    expect(actualResponseHeaders(cors, origin)).toEqual(expected);
  });

  it('strips access-control-* headers of the integration', () => {
    expect(
      withoutCorsHeaders([
        ['Access-Control-Allow-Origin', '*'],
        ['content-type', 'x'],
      ]),
    ).toEqual([['content-type', 'x']]);
  });
});
