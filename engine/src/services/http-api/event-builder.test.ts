import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildEvent,
  type EventContext,
  formatClfTime,
  type GatewayRequest,
  isTextContentType,
  joinHeaders,
  parseQueryString,
} from './event-builder.ts';

const context: EventContext = {
  accountId: '000000000000',
  apiId: 'abcdef1234',
  domainName: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
  domainPrefix: 'abcdef1234',
  stage: '$default',
  routeKey: '$default',
  requestId: 'req',
  timeEpoch: Date.UTC(2020, 2, 12, 19, 3, 58),
};

const request = (overrides: Partial<GatewayRequest> = {}): GatewayRequest => ({
  method: 'GET',
  rawPath: '/',
  rawQueryString: '',
  headers: [],
  body: new Uint8Array(),
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
  ...overrides,
});

describe('isTextContentType', () => {
  it.each([
    ['text/plain', true],
    ['text/html; charset=utf-8', true],
    ['application/json', true],
    ['Application/JSON; charset=UTF-8', true],
    ['application/xml', true],
    ['application/javascript', true],
    ['application/x-www-form-urlencoded', false],
    ['application/octet-stream', false],
    ['image/png', false],
    ['multipart/form-data; boundary=x', false],
    [undefined, false],
  ])('%s -> %s', (contentType, text) => {
    expect(isTextContentType(contentType)).toBe(text);
  });
});

describe('parseQueryString', () => {
  it.each([
    ['', undefined],
    ['a=1', { a: '1' }],
    ['a=1&a=2&b=3', { a: '1,2', b: '3' }],
    ['flag', { flag: '' }],
    ['q=hello%20world&p=a+b', { q: 'hello world', p: 'a b' }],
    ['bad=%E0%A4%A', { bad: '%E0%A4%A' }],
  ])('%s -> %j', (raw, expected) => {
    expect(parseQueryString(raw)).toEqual(expected);
  });
});

describe('formatClfTime', () => {
  it.each([
    [Date.UTC(2020, 2, 12, 19, 3, 58), '12/Mar/2020:19:03:58 +0000'],
    [Date.UTC(2026, 0, 1, 0, 0, 0, 999), '01/Jan/2026:00:00:00 +0000'],
  ])('%s -> %s', (epoch, text) => {
    expect(formatClfTime(epoch)).toBe(text);
  });
});

describe('buildEvent', () => {
  it('lists cookies from every cookie header and keeps them out of headers', () => {
    const event = buildEvent(
      request({
        headers: [
          ['Cookie', 'a=1; b=2'],
          ['cookie', 'c=3'],
          ['Host', 'x'],
        ],
      }),
      context,
    );
    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(event.headers).toEqual({ host: 'x' });
    expect(event.requestContext.time).toBe('12/Mar/2020:19:03:58 +0000');
  });

  it('lower-cases header names and comma-joins repeated headers in order (property)', () => {
    const name = fc
      .stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/)
      .filter((n) => n.toLowerCase() !== 'cookie');
    const value = fc.stringMatching(/^[ -~]{0,12}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 12 }), (pairs) => {
        const headers = joinHeaders(pairs);
        for (const key of Object.keys(headers)) expect(key).toBe(key.toLowerCase());
        for (const [n] of pairs) {
          const expected = pairs.filter(([m]) => m.toLowerCase() === n.toLowerCase()).map(([, v]) => v);
          expect(headers[n.toLowerCase()]).toBe(expected.join(','));
        }
      }),
    );
  });

  it('carries any body losslessly: text as-is, anything else as base64 (property)', () => {
    const contentType = fc.constantFrom(
      'application/json',
      'text/plain',
      'application/octet-stream',
      undefined,
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), contentType, (bytes, type) => {
        const text = type !== undefined && isTextContentType(type);
        const body = text ? Buffer.from(Buffer.from(bytes).toString('utf8'), 'utf8') : Buffer.from(bytes);
        const headers: Array<[string, string]> = type ? [['content-type', type]] : [];
        const event = buildEvent(request({ method: 'POST', headers, body }), context);
        expect(event.isBase64Encoded).toBe(!text);
        expect(Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8')).toEqual(body);
      }),
    );
  });

  it('keeps the raw path and query and reports the method upper-cased (property)', () => {
    const segment = fc.stringMatching(/^[a-z0-9%]{1,6}$/);
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 4 }),
        fc.stringMatching(/^[a-z0-9=&]{0,20}$/),
        (segments, query) => {
          const rawPath = `/${segments.join('/')}`;
          const event = buildEvent(request({ method: 'post', rawPath, rawQueryString: query }), context);
          expect(event.rawPath).toBe(rawPath);
          expect(event.requestContext.http.path).toBe(rawPath);
          expect(event.rawQueryString).toBe(query);
          expect(event.requestContext.http.method).toBe('POST');
          expect(event.version).toBe('2.0');
        },
      ),
    );
  });
});
