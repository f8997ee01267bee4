/**
 * The request as an HTTP API hands it to the function, each point checked against AWS's evidence
 * (AWS-FACTS.md "Paths", "Headers the gateway adds", "CORS"): absolute-form targets reduced to
 * their path, percent-decoded paths, the forwarded/trace/content-length headers, and the
 * integration's own CORS headers dropped when the API has a CorsConfiguration.
 */
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../runtime/clock.ts';
import { deployApi, type Harness, makeHarness, send } from './harness.fixture.ts';
import { parseRequestTarget } from './request-target.ts';

const run = promisify(execFile);

/** Sends raw bytes and returns the first response's status line (the client here is a plain socket). */
const rawStatusLine = (url: string, request: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(text.split('\r\n')[0] ?? '');
      }
    });
    socket.on('error', reject);
  });

describe('the gateway as AWS runs it', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness(new RealClock());
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('gives an absolute-form request line only its path as rawPath', async () => {
    const { endpoint } = await deployApi(h.service);
    const { host } = new URL(endpoint);

    const status = await rawStatusLine(
      endpoint,
      `GET http://evil.example.com/abs?x=1 HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    );

    expect(status).toBe('HTTP/1.1 200 OK');
    const event = h.lambda.lastEvent();
    expect(event.rawPath).toBe('/abs');
    expect(event.requestContext.http.path).toBe('/abs');
    expect(event.rawQueryString).toBe('x=1');
  });

  it('percent-decodes rawPath and http.path, keeps rawQueryString raw', async () => {
    const { endpoint } = await deployApi(h.service);

    const reply = await send(`${endpoint}/a%2Fb/with%20space/%E2%9C%93/bad%zz?q=a%20b`);

    expect(reply.status).toBe(200);
    const event = h.lambda.lastEvent();
    expect(event.rawPath).toBe('/a/b/with space/✓/bad%zz');
    expect(event.requestContext.http.path).toBe('/a/b/with space/✓/bad%zz');
    expect(event.rawQueryString).toBe('q=a%20b');
    expect(event.queryStringParameters).toEqual({ q: 'a b' });
  });

  it('routes on the decoded path', async () => {
    const { endpoint } = await deployApi(h.service, { routeKeys: ['GET /items/{id}'] });

    const reply = await send(`${endpoint}/items/a%20b`);

    expect(reply.status).toBe(200);
    expect(h.lambda.lastEvent().pathParameters).toEqual({ id: 'a b' });
  });

  it('adds content-length, x-amzn-trace-id and the x-forwarded-* headers as AWS does', async () => {
    const { endpoint } = await deployApi(h.service);
    const port = new URL(endpoint).port;
    const before = Math.floor(Date.now() / 1000);

    await send(`${endpoint}/get`);
    const get = h.lambda.lastEvent().headers;
    await send(`${endpoint}/post`, {
      method: 'POST',
      headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.2', 'transfer-encoding': 'chunked' },
      body: 'hello',
    });
    const post = h.lambda.lastEvent().headers;

    expect(get['content-length']).toBe('0');
    expect(get['x-forwarded-for']).toBe('127.0.0.1');
    expect(get['x-forwarded-port']).toBe(port);
    expect(get['x-forwarded-proto']).toBe('http');
    const trace = get['x-amzn-trace-id'] ?? '';
    expect(trace).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    const epoch = Number.parseInt(trace.slice(7, 15), 16);
    expect(epoch).toBeGreaterThanOrEqual(before);
    expect(epoch).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(post['content-length']).toBe('5');
    expect(post['transfer-encoding']).toBeUndefined();
    expect(post['x-forwarded-for']).toBe('203.0.113.7, 198.51.100.2, 127.0.0.1');
    expect(post['x-amzn-trace-id']).not.toBe(trace);
  });

  it('keeps a trace id the client sent', async () => {
    const { endpoint } = await deployApi(h.service);
    const sent = 'Root=1-5e9f0c65-1de4d666d4dd26aced652b6c';

    await send(`${endpoint}/`, { headers: { 'x-amzn-trace-id': sent } });

    expect(h.lambda.lastEvent().headers['x-amzn-trace-id']).toBe(sent);
  });

  it('ignores the function’s own CORS headers when the API has a CorsConfiguration, Origin or not', async () => {
    const { endpoint } = await deployApi(h.service, {
      cors: { AllowOrigins: ['https://app.example.com'], AllowMethods: ['GET'] },
    });
    h.lambda.behaviour = () => ({
      payload: JSON.stringify({
        statusCode: 200,
        headers: {
          'access-control-allow-origin': 'https://evil.example',
          'access-control-allow-credentials': 'true',
        },
        body: 'ok',
      }),
    });

    const withoutOrigin = await send(`${endpoint}/`);
    const withOrigin = await send(`${endpoint}/`, { headers: { origin: 'https://app.example.com' } });
    const otherOrigin = await send(`${endpoint}/`, { headers: { origin: 'https://other.example' } });

    expect(withoutOrigin.headers['access-control-allow-origin']).toBeUndefined();
    expect(withoutOrigin.headers['access-control-allow-credentials']).toBeUndefined();
    expect(withOrigin.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(otherOrigin.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('passes the function’s CORS headers through when the API has no CorsConfiguration', async () => {
    const { endpoint } = await deployApi(h.service);
    h.lambda.behaviour = () => ({
      payload: JSON.stringify({
        statusCode: 200,
        headers: { 'access-control-allow-origin': '*' },
        body: 'ok',
      }),
    });

    const reply = await send(`${endpoint}/`);

    expect(reply.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('parseRequestTarget', () => {
  it.each([
    ['/plain', '/plain', ''],
    ['https://h.example:8443/p/q?x=1#frag', '/p/q', 'x=1'],
    ['http://h.example', '/', ''],
    ['http://h.example?x', '/', 'x'],
    ['/a%2Fb?c=%2F', '/a/b', 'c=%2F'],
    ['/100%', '/100%', ''],
  ])('%s → path %s, query %s', (target, path, query) => {
    expect(parseRequestTarget(target)).toEqual({ path, query });
  });
});

/** Python's http.client sends the whole body before reading: the case that saw a broken pipe. */
const pythonPresent = await run('python3', ['--version']).then(
  () => true,
  () => false,
);
if (!pythonPresent && process.env.CI === 'true') throw new Error('python3 is required under CI=true');
if (!pythonPresent)
  console.warn('gateway-as-aws.test.ts: python3 is not installed; the 413 client test was NOT run');

const PYTHON_POST = `
import http.client, sys
host, port, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
conn = http.client.HTTPConnection(host, port, timeout=30)
conn.request('POST', '/upload', body=b'x' * size, headers={'content-type': 'application/octet-stream'})
res = conn.getresponse()
print(res.status, res.getheader('connection'), res.read().decode())
`;

describe.runIf(pythonPresent)('a body over 10 MB from a client that writes it all first', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness(new RealClock());
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('gets 413 and the connection closed, not a broken pipe, and the function is not invoked', async () => {
    const { endpoint } = await deployApi(h.service);
    const { hostname, port } = new URL(endpoint);

    const { stdout } = await run('python3', ['-c', PYTHON_POST, hostname, port, String(11 * 1024 * 1024)], {
      timeout: 60_000,
    });

    expect(stdout.trim()).toBe('413 close {"message":"Request Entity Too Large"}');
    expect(h.lambda.calls).toHaveLength(0);
  });
});
