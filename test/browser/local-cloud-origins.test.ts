/**
 * Real Chromium against the local cloud's AWS endpoint and API port:
 * - a page whose host name resolves to 127.0.0.1 (DNS rebinding, staged with
 *   `--host-resolver-rules`) sends same-origin requests: refused with 421, nothing changes;
 * - a page on a foreign origin sends "simple" cross-site requests with made-up presigned query
 *   strings (text/plain Lambda Invoke, form POST of S3 `?delete`): refused, nothing changes;
 * - a page on http://localhost:<other port> uploads with a presigned URL (after the bucket's CORS
 *   allows that origin, as on AWS) and reads an item with AWS SDK v3 bundled for the browser: it
 *   works; the same upload to a bucket without CORS is refused by the preflight, as S3 refuses it.
 */
import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presignUrl } from '../hardening/support/presign.fixture.ts';
import { tableSnapshot } from '../hardening/support/table.fixture.ts';
import { type LocalCloud, startLocalCloud, TABLE_NAME } from '../support/local-cloud.fixture.ts';
import {
  API_HOST,
  checkChromium,
  launchChromium,
  type PageServer,
  startPageServer,
} from './browser.fixture.ts';
import { PagePool, pageFetch, WAIT_MS } from './page-fetch.fixture.ts';

const chromiumCheck = checkChromium();
if (!chromiumCheck.run && chromiumCheck.fail) throw new Error(chromiumCheck.reason);

const fakePresign = (service: string) =>
  `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20261125%2Fus-east-1%2F${service}%2Faws4_request&X-Amz-Date=20261125T120000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=${'0'.repeat(64)}`;

describe.skipIf(!chromiumCheck.run)('web pages against the local cloud', () => {
  let cloud: LocalCloud;
  let pages: PageServer;
  let browser: Browser;
  let pool: PagePool;
  let bucket: string;

  beforeAll(async () => {
    cloud = await startLocalCloud();
    pages = await startPageServer();
    browser = await launchChromium(pages.port);
    pool = await PagePool.open(browser);
    bucket = cloud.output('S3BucketName');
    await cloud.s3().send(new PutObjectCommand({ Bucket: bucket, Key: 'kept/object', Body: 'keep me' }));
  }, 60_000);
  afterAll(async () => {
    await pool?.close();
    await browser?.close();
    await pages?.close();
    await cloud?.dispose();
  });

  /** A page whose origin is `http://<API_HOST>:<port>`: the host name resolves to 127.0.0.1. */
  const rebindingPage = async (port: string): Promise<Page> => {
    const page = await browser.newPage();
    // The navigation itself is answered 421; the page's script still runs in that origin.
    await page.goto(`http://${API_HOST}:${port}/`, { timeout: WAIT_MS });
    return page;
  };

  it('DNS rebinding: same-origin requests under a foreign host name get 421, and nothing changes', async () => {
    const endpointPort = new URL(cloud.endpointUrl).port;
    const endpointPage = await rebindingPage(endpointPort);
    const deleteTable = await pageFetch(endpointPage, '/', {
      method: 'POST',
      headers: {
        'x-amz-target': 'DynamoDB_20120810.DeleteTable',
        'content-type': 'application/x-amz-json-1.0',
        authorization: `AWS4-HMAC-SHA256 Credential=test/20261125/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
        'x-amz-date': '20261125T120000Z',
      },
      body: JSON.stringify({ TableName: TABLE_NAME }),
    });
    const before = await tableSnapshot(cloud.dynamodb());
    const apiPage = await rebindingPage(new URL(cloud.apiUrl).port);
    const apiPost = await pageFetch(apiPage, '/forged', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"forged":true}',
    });
    await endpointPage.close();
    await apiPage.close();

    expect(deleteTable).toMatchObject({ kind: 'response', status: 421 });
    if (deleteTable.kind === 'response') expect(deleteTable.body).toContain('--allow-host');
    expect(apiPost).toMatchObject({ kind: 'response', status: 421 });
    const table = await cloud.dynamodb().send(new DescribeTableCommand({ TableName: TABLE_NAME }));
    expect(table.Table?.TableStatus).toBe('ACTIVE');
    expect(await tableSnapshot(cloud.dynamodb())).toEqual(before);
  }, 30_000);

  it('simple cross-site forgeries with made-up presigned query strings change nothing', async () => {
    const page = await pool.at('http://evil.example/');
    const before = await tableSnapshot(cloud.dynamodb());
    const fn = cloud.output('LambdaFunctionName');
    const event = JSON.stringify({
      version: '2.0',
      requestContext: {
        requestId: 'forged-from-browser',
        timeEpoch: Date.now(),
        http: { method: 'POST', path: '/x', sourceIp: '1.2.3.4' },
      },
      rawPath: '/x',
      body: 'forged',
    });
    const invoke = await pageFetch(
      page,
      `${cloud.endpointUrl}/2015-03-31/functions/${fn}/invocations?${fakePresign('lambda')}`,
      { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: event },
    );
    const del = await pageFetch(page, `${cloud.endpointUrl}/${bucket}?delete&${fakePresign('s3')}`, {
      method: 'POST',
      mode: 'no-cors',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '<Delete><Object><Key>kept/object</Key></Object></Delete>',
    });
    // Sent (opaque answers), so the refusal is the endpoint's, not the browser's.
    expect(invoke).toMatchObject({ kind: 'response', type: 'opaque' });
    expect(del).toMatchObject({ kind: 'response', type: 'opaque' });
    // An async or late write would show up here.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await tableSnapshot(cloud.dynamodb())).toEqual(before);
    const versions = await cloud
      .s3()
      .send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'kept/' }));
    expect(versions.DeleteMarkers ?? []).toHaveLength(0);
  }, 30_000);

  it('a page on http://localhost:<other port> uploads with a presigned URL and reads an item with SDK v3', async () => {
    const sdk = await build({
      stdin: {
        contents: "export { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
        resolveDir: process.cwd(),
        loader: 'js',
      },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'AwsSdk',
      write: false,
      minify: true,
      logLevel: 'error',
    });
    const key = { RequestId: { S: 'browser-read' }, Timestamp: { S: '2026-01-01T00:00:00.000Z' } };
    await cloud
      .dynamodb()
      .send(new PutItemCommand({ TableName: TABLE_NAME, Item: { ...key, Method: { S: 'GET' } } }));
    const uploadUrl = await presignUrl({
      url: `${cloud.endpointUrl}/${bucket}/uploads/from-browser.txt`,
      method: 'PUT',
      service: 's3',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      expiresIn: 300,
    });

    const pageOrigin = `http://localhost:${pages.port}`;
    // As a developer must on AWS: the bucket's CORS allows the page's origin to PUT.
    await cloud.s3().send(
      new PutBucketCorsCommand({
        Bucket: bucket,
        CORSConfiguration: {
          CORSRules: [{ AllowedOrigins: [pageOrigin], AllowedMethods: ['PUT'], AllowedHeaders: ['*'] }],
        },
      }),
    );
    const page = await pool.at(`${pageOrigin}/`);
    const upload = await pageFetch(page, uploadUrl, { method: 'PUT', body: 'uploaded from a browser' });
    await page.addScriptTag({ content: sdk.outputFiles[0]?.text ?? '' });
    const method = await page.evaluate(
      async ({ endpoint, table, key }) => {
        const { DynamoDBClient, GetItemCommand } = (
          globalThis as unknown as { AwsSdk: typeof import('@aws-sdk/client-dynamodb') }
        ).AwsSdk;
        const client = new DynamoDBClient({
          endpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        });
        const out = await client.send(new GetItemCommand({ TableName: table, Key: key }));
        return out.Item?.Method?.S;
      },
      { endpoint: cloud.endpointUrl, table: TABLE_NAME, key },
    );

    expect(upload).toMatchObject({ kind: 'response', status: 200, type: 'cors' });
    expect(method).toBe('GET');
    const stored = await cloud
      .s3()
      .send(new GetObjectCommand({ Bucket: bucket, Key: 'uploads/from-browser.txt' }));
    expect(await stored.Body?.transformToString()).toBe('uploaded from a browser');
  }, 30_000);

  it('the same upload to a bucket without CORS is refused by its preflight, and nothing is stored', async () => {
    const bare = 'no-cors-bucket';
    await cloud.s3().send(new CreateBucketCommand({ Bucket: bare }));
    const uploadUrl = await presignUrl({
      url: `${cloud.endpointUrl}/${bare}/uploads/refused.txt`,
      method: 'PUT',
      service: 's3',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      expiresIn: 300,
    });
    const page = await pool.at(`http://localhost:${pages.port}/`);
    // PUT is not a CORS-safelisted method: the browser asks S3 with a preflight first.
    const upload = await pageFetch(page, uploadUrl, { method: 'PUT', body: 'should not land' });

    expect(upload).toMatchObject({ kind: 'error', name: 'TypeError' });
    const listed = await cloud.s3().send(new ListObjectVersionsCommand({ Bucket: bare }));
    expect(listed.Versions ?? []).toHaveLength(0);
  }, 30_000);
});
