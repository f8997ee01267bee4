/**
 * A web page or a careless client against the local cloud: DNS rebinding (foreign Host), forged
 * cross-site "simple" requests with made-up presigned query strings, expired or tampered presigned
 * URLs, and malformed HTTP that used to hold a socket forever. Each is refused, and nothing changes.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud, TABLE_NAME } from '../support/local-cloud.fixture.ts';
import { presignUrl } from './support/presign.fixture.ts';
import { httpText, rawRequest } from './support/raw-socket.fixture.ts';
import { tableSnapshot } from './support/table.fixture.ts';

let cloud: LocalCloud;
let endpointHost: string;
let apiHost: string;
let bucket: string;
const EVIL = 'http://evil.example.com';

beforeAll(async () => {
  cloud = await startLocalCloud();
  endpointHost = new URL(cloud.endpointUrl).host;
  apiHost = new URL(cloud.apiUrl).host;
  bucket = cloud.output('S3BucketName');
  await cloud.s3().send(new PutObjectCommand({ Bucket: bucket, Key: 'kept/object', Body: 'keep me' }));
});
afterAll(async () => cloud?.dispose());

/** A SigV4 header for a key the engine never issued: parsed, never verified (as with `--user test:test`). */
const anyKeyAuth = (service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=test/20261125/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
  'x-amz-date': '20261125T120000Z',
});
const fakePresign = (service: string) =>
  `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20261125%2Fus-east-1%2F${service}%2Faws4_request&X-Amz-Date=20261125T120000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=${'0'.repeat(64)}`;

const deleteTableBody = JSON.stringify({ TableName: TABLE_NAME });
const tableExists = async () =>
  (await cloud.dynamodb().send(new DescribeTableCommand({ TableName: TABLE_NAME }))).Table?.TableStatus;

describe('DNS rebinding: a request under a foreign Host name', () => {
  it('gets 421 naming --allow-host on the AWS endpoint, and the table stays', async () => {
    const answer = await rawRequest(
      cloud.endpointUrl,
      httpText(
        'POST / HTTP/1.1',
        {
          Host: `evil.example.com:${new URL(cloud.endpointUrl).port}`,
          Origin: `${EVIL}:${new URL(cloud.endpointUrl).port}`,
          'X-Amz-Target': 'DynamoDB_20120810.DeleteTable',
          'Content-Type': 'application/x-amz-json-1.0',
          'Content-Length': String(deleteTableBody.length),
          ...anyKeyAuth('dynamodb'),
        },
        deleteTableBody,
      ),
    );
    expect(answer.status).toBe(421);
    expect(answer.body).toContain('--allow-host evil.example.com');
    expect(await tableExists()).toBe('ACTIVE');
  });

  it('gets 421 on the HTTP API port, and the function is not invoked', async () => {
    const before = await tableSnapshot(cloud.dynamodb());
    const answer = await rawRequest(
      cloud.apiUrl,
      httpText('POST /orders HTTP/1.1', { Host: 'evil.example.com', 'Content-Length': '2' }, '{}'),
    );
    expect(answer.status).toBe(421);
    expect(await tableSnapshot(cloud.dynamodb())).toEqual(before);
  });

  it.each([
    ['no Host', {}],
    ['a malformed Host', { Host: 'local host' }],
    ['a Host with userinfo', { Host: 'user@127.0.0.1' }],
  ])('answers %s with 400 on both listeners', async (_label, headers) => {
    for (const url of [cloud.endpointUrl, cloud.apiUrl]) {
      const answer = await rawRequest(url, httpText('GET / HTTP/1.0', headers as Record<string, string>));
      expect(answer.status).toBe(400);
    }
  });
});

describe('the Origin rule on the AWS endpoint', () => {
  it('refuses a foreign Origin with 403 whatever the credentials, and the table stays', async () => {
    const answer = await rawRequest(
      cloud.endpointUrl,
      httpText(
        'POST / HTTP/1.1',
        {
          Host: endpointHost,
          Origin: EVIL,
          'X-Amz-Target': 'DynamoDB_20120810.DeleteTable',
          'Content-Type': 'application/x-amz-json-1.0',
          'Content-Length': String(deleteTableBody.length),
          ...anyKeyAuth('dynamodb'),
        },
        deleteTableBody,
      ),
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('--allow-origin http://evil.example.com');
    expect(await tableExists()).toBe('ACTIVE');
  });

  it('refuses a foreign Referer when there is no Origin', async () => {
    const answer = await rawRequest(
      cloud.endpointUrl,
      httpText('GET /?list-type=2 HTTP/1.1', {
        Host: endpointHost,
        Referer: `${EVIL}/page`,
        ...anyKeyAuth('s3'),
      }),
    );
    expect(answer.status).toBe(403);
  });

  it('forged simple requests with a made-up presigned query string change nothing', async () => {
    const fn = cloud.output('LambdaFunctionName');
    const items = await tableSnapshot(cloud.dynamodb());
    const event = JSON.stringify({
      version: '2.0',
      requestContext: {
        requestId: 'forged',
        timeEpoch: Date.now(),
        http: { method: 'POST', path: '/x', sourceIp: '1.2.3.4' },
      },
      rawPath: '/x',
      body: 'forged',
    });
    const invoke = await rawRequest(
      cloud.endpointUrl,
      httpText(
        `POST /2015-03-31/functions/${fn}/invocations?${fakePresign('lambda')} HTTP/1.1`,
        {
          Host: endpointHost,
          Origin: EVIL,
          'Content-Type': 'text/plain',
          'Content-Length': String(event.length),
        },
        event,
      ),
    );
    const deleteXml = '<Delete><Object><Key>kept/object</Key></Object></Delete>';
    const del = await rawRequest(
      cloud.endpointUrl,
      httpText(
        `POST /${bucket}?delete&${fakePresign('s3')} HTTP/1.1`,
        {
          Host: endpointHost,
          Origin: EVIL,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': String(deleteXml.length),
        },
        deleteXml,
      ),
    );
    const topicArn = cloud.engine.services.sns.listTopics()[0]?.topicArn ?? '';
    const form = `Action=Publish&TopicArn=${encodeURIComponent(topicArn)}&Message=forged`;
    const publish = await rawRequest(
      cloud.endpointUrl,
      httpText(
        `POST /?${fakePresign('sns')} HTTP/1.1`,
        {
          Host: endpointHost,
          Origin: EVIL,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': String(form.length),
        },
        form,
      ),
    );
    expect([invoke.status, del.status, publish.status]).toEqual([403, 403, 403]);
    expect(await tableSnapshot(cloud.dynamodb())).toEqual(items);
    const versions = await cloud
      .s3()
      .send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'kept/' }));
    expect(versions.DeleteMarkers ?? []).toHaveLength(0);
  });

  it('answers a local origin preflight with CORS headers, and exposes headers on the answer', async () => {
    const preflight = await rawRequest(
      cloud.endpointUrl,
      httpText('OPTIONS / HTTP/1.1', {
        Host: endpointHost,
        Origin: 'http://localhost:3000',
        Connection: 'close',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,x-amz-target,content-type,x-amz-date',
      }),
    );
    expect(preflight.status).toBe(200);
    expect(preflight.head).toMatch(/access-control-allow-origin: http:\/\/localhost:3000/i);
    expect(preflight.head).toMatch(
      /access-control-allow-headers: authorization,x-amz-target,content-type,x-amz-date/i,
    );
    expect(preflight.head).toMatch(/access-control-allow-methods: .*POST/i);

    const foreignPreflight = await rawRequest(
      cloud.endpointUrl,
      httpText('OPTIONS / HTTP/1.1', {
        Host: endpointHost,
        Origin: EVIL,
        Connection: 'close',
        'Access-Control-Request-Method': 'POST',
      }),
    );
    expect(foreignPreflight.status).toBe(403);
    expect(foreignPreflight.head).not.toMatch(/access-control-allow-origin/i);
  });
});

describe('presigned URLs', () => {
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

  it('a fresh presigned GET works and an expired one is refused with AccessDenied "Request has expired"', async () => {
    const objectUrl = `${cloud.endpointUrl}/${bucket}/kept/object`;
    const fresh = await presignUrl({
      url: objectUrl,
      method: 'GET',
      service: 's3',
      credentials,
      expiresIn: 300,
    });
    const response = await fetch(fresh);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('keep me');

    const expired = await presignUrl({
      url: objectUrl,
      method: 'GET',
      service: 's3',
      credentials,
      expiresIn: 60,
      signingDate: new Date(Date.now() - 120_000),
    });
    const refused = await fetch(expired);
    expect(refused.status).toBe(403);
    const body = await refused.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('Request has expired');
  });

  it('refuses X-Amz-Expires beyond a week', async () => {
    const url = await presignUrl({
      url: `${cloud.endpointUrl}/${bucket}/kept/object`,
      method: 'GET',
      service: 's3',
      credentials,
      expiresIn: 60,
    });
    const tooLong = url.replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=604801');
    expect((await fetch(tooLong)).status).toBe(400);
  });

  it('verifies the query signature of credentials the engine issued, as it verifies a header signature', async () => {
    const roleArn = cloud.engine.services.lambda.getFunction(cloud.output('LambdaFunctionName')).Role;
    const issued = cloud.engine.services.iam.issueCredentials(roleArn, 'presign-test');
    const url = await presignUrl({
      url: `${cloud.endpointUrl}/${bucket}/request-bodies/presigned`,
      method: 'PUT',
      service: 's3',
      credentials: issued,
      expiresIn: 300,
    });
    const put = await fetch(url, { method: 'PUT', body: 'signed' });
    expect(put.status, await put.clone().text()).toBe(200);
    const tampered = url.replace(
      /X-Amz-Signature=([0-9a-f])/,
      (_m, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`,
    );
    const refused = await fetch(tampered, { method: 'PUT', body: 'forged' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('SignatureDoesNotMatch');
  });
});

describe('malformed HTTP is answered 400 and closed, never held open', () => {
  const chunked = (size: string, host: string) =>
    httpText('POST / HTTP/1.1', { Host: host, 'Transfer-Encoding': 'chunked' }, `${size}\r\nabc`);

  it.each(['FFFFFFFFFFFFFFFF', '7FFFFFFF'])('a chunk size of %s', async (size) => {
    for (const [url, host] of [
      [cloud.endpointUrl, endpointHost],
      [cloud.apiUrl, apiHost],
    ] as const) {
      const answer = await rawRequest(url, chunked(size, host));
      expect(answer).toMatchObject({ status: 400, closed: true });
    }
  });

  it.each(['GET /\r\n', 'GET /\r\n\r\n'])('an HTTP/0.9 request line %j', async (line) => {
    for (const url of [cloud.endpointUrl, cloud.apiUrl]) {
      const answer = await rawRequest(url, line);
      expect(answer).toMatchObject({ status: 400, closed: true });
    }
  });
});
