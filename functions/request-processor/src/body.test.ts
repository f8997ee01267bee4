import { describe, expect, it } from 'vitest';
import { decodeBody, isJsonContentType, isValidJsonBody } from './body.ts';

const b64 = (bytes: number[] | string) =>
  (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes)).toString('base64');

describe('decodeBody', () => {
  it.each([
    { name: 'absent', body: undefined, base64: false, expected: undefined },
    { name: 'empty text', body: '', base64: false, expected: undefined },
    { name: 'empty base64', body: '', base64: true, expected: undefined },
    {
      name: 'plain text',
      body: 'hello',
      base64: false,
      expected: { stored: 'hello', encoding: 'text', size: 5 },
    },
    {
      name: 'unicode text',
      body: 'é👋',
      base64: false,
      expected: { stored: 'é👋', encoding: 'text', size: 6 },
    },
    {
      name: 'base64 of UTF-8 text',
      body: b64('naïve'),
      base64: true,
      expected: { stored: 'naïve', encoding: 'text', size: 6 },
    },
    {
      name: 'base64 of binary',
      body: b64([0xff, 0xd8, 0xff, 0xe0]),
      base64: true,
      expected: { stored: b64([0xff, 0xd8, 0xff, 0xe0]), encoding: 'base64', size: 4 },
    },
    {
      name: 'base64 of truncated UTF-8',
      body: b64([0x68, 0xc3]),
      base64: true,
      expected: { stored: b64([0x68, 0xc3]), encoding: 'base64', size: 2 },
    },
    {
      name: 'base64 text keeps a byte-order mark',
      body: b64([0xef, 0xbb, 0xbf, 0x61]),
      base64: true,
      expected: { stored: '\uFEFFa', encoding: 'text', size: 4 },
    },
  ])('$name', ({ body, base64, expected }) => {
    // Act
    const decoded = decodeBody(body, base64);

    // Assess
    if (expected === undefined) {
      expect(decoded).toBeUndefined();
      return;
    }
    expect(decoded?.stored).toBe(expected.stored);
    expect(decoded?.encoding).toBe(expected.encoding);
    expect(decoded?.bytes.length).toBe(expected.size);
  });
});

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON', true],
    ['application/problem+json', true],
    ['application/vnd.api+json; charset=utf-8', true],
    ['text/plain', false],
    ['application/jsonp', false],
    ['application/x-www-form-urlencoded', false],
    [undefined, false],
  ])('%s -> %s', (contentType, expected) => {
    expect(isJsonContentType(contentType)).toBe(expected);
  });
});

describe('isValidJsonBody', () => {
  it.each([
    ['{"a":1}', false, true],
    ['[1,2]', false, true],
    ['"text"', false, true],
    ['{"a":', false, false],
    ["{'a':1}", false, false],
    [b64([0xff, 0xfe]), true, false],
  ])('%s (base64: %s) -> %s', (body, base64, expected) => {
    const decoded = decodeBody(body, base64);
    expect(decoded && isValidJsonBody(decoded)).toBe(expected);
  });
});
