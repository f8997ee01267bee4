import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorizationTarget } from '../protocol/service-entry.ts';
import { AwsEndpoint } from './aws-endpoint.ts';
import { fakeAuth, ROLE_KEY } from './endpoint.fixture.ts';

const seen: { streamed: IncomingMessage; bytes: number }[] = [];
const checks: AuthorizationTarget[] = [];

/** Counts the body bytes it streams itself, the way an embedded S3 would. */
function countingHandler(req: IncomingMessage, res: ServerResponse): void {
  let bytes = 0;
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  req.on('end', () => {
    seen.push({ streamed: req, bytes });
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`got ${bytes}`);
  });
}

let endpoint: AwsEndpoint;
let url: string;

beforeAll(async () => {
  endpoint = new AwsEndpoint({
    port: 0,
    services: {
      s3: { kind: 'raw', handler: countingHandler, errorFormat: { protocol: 'rest-xml' }, catchAll: true },
      sqs: {
        kind: 'raw',
        handler: countingHandler,
        errorFormat: { protocol: 'json', version: '1.0', errorNamespace: 'com.amazonaws.sqs' },
        authorizationTarget: (req) => ({
          action: 'sqs:SendMessage',
          resource: `arn:aws:sqs:${req.region}:${req.accountId}:${req.url.slice(1)}`,
        }),
      },
    },
    identify: (accessKeyId) =>
      accessKeyId === ROLE_KEY
        ? { accessKeyId, kind: 'role', roleArn: 'arn:aws:iam::000000000000:role/r', sessionName: 's' }
        : { accessKeyId, kind: 'root' },
    authorize: (_caller, action, resource) => {
      checks.push({ action, resource });
      return resource.endsWith(':denied-queue')
        ? { allowed: false, message: `denied ${action}` }
        : { allowed: true };
    },
  });
  url = (await endpoint.start()).url;
});
afterAll(async () => endpoint.close());

describe('raw pass-through entries', () => {
  it('hands a raw entry without authorizationTarget the original request, body unread', async () => {
    // Prepare
    const body = Buffer.alloc(3 * 1024 * 1024, 7);
    // Act
    const res = await fetch(`${url}/bucket/key`, { method: 'PUT', headers: fakeAuth('s3'), body });
    // Assess
    expect(await res.text()).toBe(`got ${body.length}`);
    expect(seen.at(-1)?.bytes).toBe(body.length);
  });

  it('routes unsigned and mis-signed requests to the catch-all entry, answered in its XML', async () => {
    // Act
    const unsigned = await fetch(`${url}/bucket/key`);
    const misSigned = await fetch(`${url}/bucket/key`, {
      headers: { ...fakeAuth('s3'), authorization: 'AWS4-HMAC-SHA256 junk' },
    });
    // Assess
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>Request is missing Authentication Token<\/Message><RequestId>/,
    );
    expect(misSigned.status).toBe(400);
    expect(await misSigned.text()).toContain('<Code>IncompleteSignatureException</Code>');
  });

  it('passes an unsigned request to a catch-all entry that allows anonymous callers', async () => {
    // Prepare
    const open = new AwsEndpoint({
      port: 0,
      services: {
        s3: {
          kind: 'raw',
          handler: countingHandler,
          errorFormat: { protocol: 'rest-xml' },
          catchAll: true,
          allowAnonymous: true,
        },
      },
    });
    const openUrl = (await open.start()).url;
    // Act
    const res = await fetch(`${openUrl}/public-bucket/object`, { method: 'PUT', body: 'four' });
    const text = await res.text();
    await open.close();
    // Assess
    expect(res.status).toBe(200);
    expect(text).toBe('got 4');
  });

  it('authorizes a role caller from the request line, then hands over the unread body', async () => {
    // Act
    const allowed = await fetch(`${url}/open-queue`, {
      method: 'POST',
      headers: fakeAuth('sqs', ROLE_KEY),
      body: '12345',
    });
    const denied = await fetch(`${url}/denied-queue`, {
      method: 'POST',
      headers: fakeAuth('sqs', ROLE_KEY),
      body: 'abc',
    });
    // Assess
    expect(await allowed.text()).toBe('got 5');
    expect(checks).toContainEqual({
      action: 'sqs:SendMessage',
      resource: 'arn:aws:sqs:us-east-1:000000000000:open-queue',
    });
    expect(denied.status).toBe(400);
    expect(await denied.json()).toEqual({
      __type: 'com.amazon.coral.service#AccessDeniedException',
      Message: 'denied sqs:SendMessage',
    });
  });

  it('refuses a buffered body over maxBodyBytes with 413 in the service format and stays up', async () => {
    // Prepare
    const small = new AwsEndpoint({
      port: 0,
      maxBodyBytes: 1024,
      services: {
        sqs: {
          kind: 'json-handler',
          protocol: { version: '1.0', targetPrefixes: ['AmazonSQS'], errorNamespace: 'com.amazonaws.sqs' },
          handle: async (request) => ({ status: 200, headers: {}, body: `got ${request.body.length}` }),
        },
      },
    });
    const smallUrl = (await small.start()).url;
    // Act
    const tooBig = await fetch(smallUrl, {
      method: 'POST',
      headers: fakeAuth('sqs'),
      body: Buffer.alloc(64 * 1024, 1),
    });
    const tooBigBody = await tooBig.json();
    const fits = await fetch(smallUrl, { method: 'POST', headers: fakeAuth('sqs'), body: 'ok' });
    const fitsText = await fits.text();
    await small.close();
    // Assess
    expect(tooBig.status).toBe(413);
    expect(tooBigBody).toEqual({
      __type: 'com.amazonaws.sqs#RequestEntityTooLargeException',
      message: 'Request must be smaller than 1024 bytes',
    });
    expect(fitsText).toBe('got 2');
  });
});
