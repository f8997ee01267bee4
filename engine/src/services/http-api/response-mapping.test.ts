import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTENT_TYPE, mapResponse } from './response-mapping.ts';

describe('mapResponse', () => {
  it.each([
    ['an object without statusCode', '{"a":1}', 200, 'application/json', '{"a":1}'],
    ['a string', '"hello"', 200, 'application/json', 'hello'],
    ['a number', '42', 200, 'application/json', '42'],
    ['null', 'null', 200, 'application/json', 'null'],
    ['an array', '[1,2]', 200, 'application/json', '[1,2]'],
    ['statusCode only', '{"statusCode":204}', 204, DEFAULT_CONTENT_TYPE, ''],
    [
      'statusCode with content-type',
      '{"statusCode":400,"headers":{"Content-Type":"text/html"},"body":"<b>"}',
      400,
      'text/html',
      '<b>',
    ],
    [
      'base64 body',
      '{"statusCode":200,"body":"aGk=","isBase64Encoded":true}',
      200,
      DEFAULT_CONTENT_TYPE,
      'hi',
    ],
  ])('maps %s', (_name, payload, status, contentType, body) => {
    const mapped = mapResponse(payload);
    if (mapped.kind !== 'response') throw new Error(mapped.reason);
    expect(mapped.statusCode).toBe(status);
    expect(mapped.headers.find(([n]) => n === 'content-type')?.[1]).toBe(contentType);
    expect(mapped.body.toString('utf8')).toBe(body);
  });

  it.each([
    ['invalid JSON', '{'],
    ['empty payload', ''],
    ['a string statusCode', '{"statusCode":"200"}'],
    ['an out-of-range statusCode', '{"statusCode":1000}'],
    ['headers that are not an object', '{"statusCode":200,"headers":[]}'],
    ['an object header value', '{"statusCode":200,"headers":{"a":{}}}'],
    ['cookies that are not strings', '{"statusCode":200,"cookies":[1]}'],
    ['a non-string body', '{"statusCode":200,"body":{"a":1}}'],
    ['a non-boolean isBase64Encoded', '{"statusCode":200,"isBase64Encoded":"yes"}'],
  ])('rejects %s as malformed', (_name, payload) => {
    expect(mapResponse(payload).kind).toBe('malformed');
  });

  it('turns each cookie into its own set-cookie header and stringifies scalar header values', () => {
    const mapped = mapResponse('{"statusCode":200,"cookies":["a=1","b=2"],"headers":{"X-N":5,"X-B":true}}');
    if (mapped.kind !== 'response') throw new Error(mapped.reason);
    expect(mapped.headers).toEqual([
      ['x-n', '5'],
      ['x-b', 'true'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['content-type', DEFAULT_CONTENT_TYPE],
    ]);
  });

  it('returns the status and body of any structured response unchanged (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.string(),
        fc.boolean(),
        (statusCode, text, base64) => {
          const body = base64 ? Buffer.from(text).toString('base64') : text;
          const mapped = mapResponse(JSON.stringify({ statusCode, body, isBase64Encoded: base64 }));
          if (mapped.kind !== 'response') throw new Error(mapped.reason);
          expect(mapped.statusCode).toBe(statusCode);
          expect(mapped.body.toString('utf8')).toBe(text);
        },
      ),
    );
  });

  it('infers 200 application/json for any JSON value without statusCode (property)', () => {
    const value = fc.jsonValue().filter((v) => !(typeof v === 'object' && v !== null && 'statusCode' in v));
    fc.assert(
      fc.property(value, (v) => {
        const mapped = mapResponse(JSON.stringify(v));
        if (mapped.kind !== 'response') throw new Error(mapped.reason);
        expect(mapped.statusCode).toBe(200);
        expect(mapped.headers).toEqual([['content-type', 'application/json']]);
        const expected = typeof v === 'string' ? v : JSON.stringify(v);
        expect(mapped.body.toString('utf8')).toBe(expected);
      }),
    );
  });
});
