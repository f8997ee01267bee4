/**
 * Bad input through the HTTP API, as a catalogue: each case states the status and message it gets,
 * and that the table afterwards holds every item written before, unchanged, plus exactly what the
 * case should store (nothing, or one complete item). Sources for the expected answers are in
 * ./AWS-FACTS.md.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, postJson, startLocalCloud } from '../support/local-cloud.fixture.ts';
import { buildRequest, type RawResponse, rawRequest } from './support/raw-http.fixture.ts';
import { addedItems, lostOrChanged, type StoredItem, tableSnapshot } from './support/table.fixture.ts';

const TEN_MB = 10 * 1024 * 1024;
const INTERNAL = { message: 'Internal Server Error' };

let cloud: LocalCloud;
let apiPath: string;
beforeAll(async () => {
  cloud = await startLocalCloud();
  apiPath = new URL(cloud.apiUrl).pathname.replace(/\/$/, '');
  // Items that every case must leave untouched.
  for (let i = 0; i < 3; i++) expect((await postJson(cloud.apiUrl, { seed: i })).status).toBe(200);
});
afterAll(async () => {
  await cloud?.dispose();
});

/** Runs `act`, then checks no earlier item was lost or changed, and returns what it added. */
async function storing<T>(act: () => Promise<T>): Promise<{ result: T; added: StoredItem[] }> {
  const before = await tableSnapshot(cloud.dynamodb());
  const result = await act();
  const after = await tableSnapshot(cloud.dynamodb());
  expect(lostOrChanged(before, after)).toEqual([]);
  return { result, added: addedItems(before, after) };
}

const raw = (method: string, target: string, headers: [string, string][] = [], body: Buffer | string = '') =>
  rawRequest(cloud.apiUrl, buildRequest(method, target, cloud.apiUrl, headers, body));

const bodyJson = (response: RawResponse): unknown => JSON.parse(response.body.toString('utf8'));

describe('bodies the function refuses or stores', () => {
  it('malformed JSON: 400 InvalidJson, nothing stored', async () => {
    const { result, added } = await storing(() =>
      raw('POST', `${apiPath}/`, [['content-type', 'application/json']], '{"broken": [1, 2'),
    );

    expect(result.status).toBe(400);
    expect(bodyJson(result)).toMatchObject({
      error: 'InvalidJson',
      message: 'Request body is not valid JSON',
    });
    expect(added).toEqual([]);
  });

  it('JSON nested 100,000 levels deep: parses, 200, stored byte for byte', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

    const { result, added } = await storing(() => postRaw(deep, 'application/json'));

    expect(result.status).toBe(200);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ Body: deep, BodySize: 200_000, BodyEncoding: 'text' });
  });

  it('empty body with a JSON content type: 200, stored with BodySize 0 and no Body', async () => {
    const { result, added } = await storing(() => postRaw('', 'application/json'));

    expect(result.status).toBe(200);
    expect(added).toHaveLength(1);
    expect(added[0]?.BodySize).toBe(0);
    expect(added[0]).not.toHaveProperty('Body');
  });

  it('a 1 MB body: 200, the item points at an S3 object under request-bodies/ holding the exact bytes', async () => {
    const bytes = Buffer.alloc(1024 * 1024, 'abcdefghij');

    const { result, added } = await storing(() => postRaw(bytes, 'text/plain'));

    expect(result.status).toBe(200);
    expect(added).toHaveLength(1);
    const item = added[0] ?? {};
    expect(item).not.toHaveProperty('Body');
    expect(String(item.BodyS3Key)).toMatch(/^request-bodies\/\d{4}\/\d{2}\/\d{2}\//);
    const object = await cloud
      .s3()
      .send(new GetObjectCommand({ Bucket: String(item.BodyS3Bucket), Key: String(item.BodyS3Key) }));
    expect(
      Buffer.from(await (object.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array()))).equals(
        bytes,
      ),
    ).toBe(true);
  });

  it("a body of exactly the 10 MB payload quota passes the gateway, but its event exceeds Lambda's 6 MB: 500, nothing stored", async () => {
    const { result, added } = await storing(() => postRaw(Buffer.alloc(TEN_MB, 'x'), 'text/plain'));

    expect(result.status).toBe(500);
    expect(bodyJson(result)).toEqual(INTERNAL);
    expect(added).toEqual([]);
  });

  it('one byte over the 10 MB quota: 413 Request Entity Too Large, nothing stored', async () => {
    const { result, added } = await storing(() => postRaw(Buffer.alloc(TEN_MB + 1, 'x'), 'text/plain'));

    expect(result.status).toBe(413);
    expect(bodyJson(result)).toEqual({ message: 'Request Entity Too Large' });
    expect(added).toEqual([]);
  });

  it('invalid UTF-8 as application/octet-stream: 200, stored as base64 of the exact bytes', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0x00, 0x7f]);

    const { result, added } = await storing(() => postRaw(bytes, 'application/octet-stream'));

    expect(result.status).toBe(200);
    expect(added[0]).toMatchObject({ BodyEncoding: 'base64', Body: bytes.toString('base64'), BodySize: 8 });
  });

  it('invalid UTF-8 claiming application/json: 400 InvalidJson, nothing stored', async () => {
    const { result, added } = await storing(() =>
      postRaw(Buffer.from([0xff, 0xfe, 0xfd]), 'application/json'),
    );

    expect(result.status).toBe(400);
    expect(bodyJson(result)).toMatchObject({ error: 'InvalidJson' });
    expect(added).toEqual([]);
  });

  it('binary with a binary media type arrives base64-encoded and is stored as base64', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff]);

    const { result, added } = await storing(() => postRaw(png, 'image/png'));

    expect(result.status).toBe(200);
    expect(added[0]).toMatchObject({
      BodyEncoding: 'base64',
      Body: png.toString('base64'),
      ContentType: 'image/png',
    });
  });

  it('base64 text sent as text/plain is not decoded: stored as the text it is', async () => {
    const text = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64');

    const { result, added } = await storing(() => postRaw(text, 'text/plain'));

    expect(result.status).toBe(200);
    expect(added[0]).toMatchObject({ BodyEncoding: 'text', Body: text, BodySize: text.length });
  });
});

describe('request lines and headers', () => {
  it('10,000 query parameters (a 78 KB request line): 431 from the listener, nothing stored, next request served', async () => {
    const query = Array.from({ length: 10_000 }, (_, i) => `p${i}=v`).join('&');

    const { result, added } = await storing(() => raw('GET', `${apiPath}/q?${query}`));
    const next = await postJson(cloud.apiUrl, { after: 'long query' });

    expect(result.head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large(\r\n|$)/);
    expect(added).toEqual([]);
    expect(next.status).toBe(200);
  });

  it('1,000 query parameters fit: 200 and the raw query string is stored intact', async () => {
    const query = Array.from({ length: 1_000 }, (_, i) => `k${i}=%20v${i}`).join('&');

    const { result, added } = await storing(() => raw('GET', `${apiPath}/q?${query}`));

    expect(result.status).toBe(200);
    expect(added[0]?.QueryString).toBe(query);
  });

  it('a 20 KB header value: 431, nothing stored', async () => {
    const { result, added } = await storing(() =>
      raw('GET', `${apiPath}/h`, [['x-big', 'a'.repeat(20_000)]]),
    );

    expect(result.head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large(\r\n|$)/);
    expect(added).toEqual([]);
  });

  it.each([
    ['a header line without a colon', 'x-no-colon-here'],
    ['a space inside a header name', 'x bad: value'],
    ['a bare CR inside a value', 'x-cr: a\rb'],
    ['a NUL inside a value', 'x-nul: a\u0000b'],
  ])('malformed header (%s): 400 from the listener, nothing stored', async (_name, line) => {
    const request = Buffer.from(
      `GET ${apiPath}/m HTTP/1.1\r\nhost: 127.0.0.1\r\n${line}\r\nconnection: close\r\n\r\n`,
      'latin1',
    );

    const { result, added } = await storing(() => rawRequest(cloud.apiUrl, request));

    expect(result.head).toMatch(/^HTTP\/1\.1 400 Bad Request(\r\n|$)/);
    expect(added).toEqual([]);
  });

  it.each([
    ['percent-encoded unicode', '/caf%C3%A9/%E2%9C%93'],
    ['path traversal', '/../../etc/passwd'],
    ['encoded path traversal', '/%2e%2e/%2e%2e/etc/passwd'],
    ['encoded slashes', '/..%2f..%2fetc%2fpasswd'],
    ['encoded NUL and CRLF', '/a%00b%0d%0ac'],
  ])(
    '%s path: 200, the path is stored percent-decoded as HTTP APIs deliver it and no file is served',
    async (_name, path) => {
      const { result, added } = await storing(() => raw('GET', `${apiPath}${path}`));

      expect(result.status).toBe(200);
      expect(Object.keys(bodyJson(result) as object).sort()).toEqual(['message', 'requestId', 'timestamp']);
      expect(added).toHaveLength(1);
      // rawPath arrives decoded (engine/src/services/http-api/AWS-FACTS.md, "Paths").
      expect(added[0]?.Path).toBe(`${apiPath}${decodeURIComponent(path)}`);
    },
  );

  it('raw UTF-8 bytes in the request line are refused by the listener with 400, nothing stored', async () => {
    const request = Buffer.concat([
      Buffer.from(`GET ${apiPath}/`, 'latin1'),
      Buffer.from('café', 'utf8'),
      Buffer.from(' HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n', 'latin1'),
    ]);

    const { result, added } = await storing(() => rawRequest(cloud.apiUrl, request));

    expect(result.head).toMatch(/^HTTP\/1\.1 400 Bad Request(\r\n|$)/);
    expect(added).toEqual([]);
  });
});

describe('methods', () => {
  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])(
    '%s without an Origin reaches the function: 200, stored with its method, no CORS headers',
    async (method) => {
      const { result, added } = await storing(() => raw(method, `${apiPath}/m`));

      expect(result.status).toBe(200);
      expect(result.headers.some(([name]) => name.startsWith('access-control-'))).toBe(false);
      expect(added).toHaveLength(1);
      expect(added[0]?.Method).toBe(method);
    },
  );

  it('HEAD: 200 with a content-length and no body, stored as HEAD', async () => {
    const { result, added } = await storing(() => raw('HEAD', `${apiPath}/m`));

    expect(result.status).toBe(200);
    expect(Number(result.headers.find(([name]) => name === 'content-length')?.[1])).toBeGreaterThan(0);
    expect(result.body.length).toBe(0);
    expect(added[0]?.Method).toBe('HEAD');
  });

  it('an unknown method token is routed by $default like any other', async () => {
    const { result, added } = await storing(() => raw('PROPFIND', `${apiPath}/m`));

    expect(result.status).toBe(200);
    expect(added[0]?.Method).toBe('PROPFIND');
  });
});

describe('header injection', () => {
  const injected = (response: RawResponse) =>
    response.head.split('\r\n').filter((line) => /^(set-cookie|location|x-injected)\s*:/i.test(line));

  it('CRLF smuggled as a second request header is stored as a header and never echoed', async () => {
    // On the wire CRLF ends a header line: the "injection" becomes a separate request header.
    const { result, added } = await storing(() =>
      raw('GET', `${apiPath}/i`, [['x-evil', 'a\r\nset-cookie: pwned=1\r\nx-injected: yes']]),
    );

    expect(result.status).toBe(200);
    expect(injected(result)).toEqual([]);
    expect(added[0]?.Headers).toMatchObject({ 'x-injected': 'yes' });
  });

  it.each([
    ['path', '/i%0d%0aSet-Cookie:%20pwned=1'],
    ['query', '/i?next=%0d%0aLocation:%20http://evil.example'],
    ['query with raw-looking CRLF text', '/i?x=a%0AX-Injected:%20yes'],
  ])('percent-encoded CRLF in the %s never becomes a response header', async (_where, target) => {
    const { result, added } = await storing(() => raw('GET', `${apiPath}${target}`));

    expect(result.status).toBe(200);
    expect(injected(result)).toEqual([]);
    expect(added).toHaveLength(1);
  });

  it('a bare LF inside a header line is refused with 400 (strict parser); nothing leaks into the response', async () => {
    const request = Buffer.from(
      `GET ${apiPath}/i HTTP/1.1\r\nhost: 127.0.0.1\r\nx-evil: a\nset-cookie: pwned=1\r\nconnection: close\r\n\r\n`,
      'latin1',
    );

    const { result, added } = await storing(() => rawRequest(cloud.apiUrl, request));

    expect(result.head).toMatch(/^HTTP\/1\.1 400 Bad Request(\r\n|$)/);
    expect(injected(result)).toEqual([]);
    expect(added).toEqual([]);
  });
});

function postRaw(body: Buffer | string, contentType: string): Promise<RawResponse> {
  return raw('POST', `${apiPath}/b`, [['content-type', contentType]], body);
}
