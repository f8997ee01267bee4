/**
 * S3 bucket CORS on the local cloud: PutBucketCors / GetBucketCors / DeleteBucketCors through the
 * SDK and the AWS CLI, a template's CorsConfiguration, and preflights and actual requests from
 * local origins answered from the bucket's rules as S3 answers them (foreign origins are still
 * refused by the endpoint's Origin rule before S3 sees them).
 */
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { promisify } from 'node:util';
import {
  DeleteBucketCorsCommand,
  GetBucketCorsCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../support/local-cloud.fixture.ts';

const run = promisify(execFile);
const cliPresent = await run('aws', ['--version']).then(
  () => true,
  () => false,
);
if (!cliPresent && process.env.CI === 'true')
  throw new Error('The AWS CLI (`aws`) is required under CI=true');
if (!cliPresent)
  console.warn('s3-bucket-cors.test.ts: the AWS CLI is not installed; its round trip was NOT run');

const APP = 'http://localhost:3000';
const RULES = [
  {
    AllowedOrigins: [APP, 'http://*.localhost:5173'],
    AllowedMethods: ['GET', 'PUT'],
    AllowedHeaders: ['content-type', 'x-amz-*'],
    ExposeHeaders: ['ETag'],
    MaxAgeSeconds: 600,
  },
];

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A plain HTTP request with the headers a browser would send (node:http lets a test set Origin). */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const FAKE_AUTH = {
  authorization: `AWS4-HMAC-SHA256 Credential=test/20261125/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
  'x-amz-date': '20261125T120000Z',
  'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
};

const accessControl = (answer: Answer): Record<string, unknown> =>
  Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name.startsWith('access-control-')));

let cloud: LocalCloud;
let bucket: string;
let bare: string;

beforeAll(async () => {
  cloud = await startLocalCloud();
  bucket = cloud.output('S3BucketName');
  bare = 'cors-test-no-config';
  const s3 = cloud.s3();
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'shared/photo.txt', Body: 'photo' }));
  await send(`${cloud.endpointUrl}/${bare}`, 'PUT', FAKE_AUTH);
}, 60_000);
afterAll(async () => {
  await cloud?.dispose();
});

describe('PutBucketCors / GetBucketCors / DeleteBucketCors', () => {
  it('round-trips the rules through the SDK; GetBucketCors on none is NoSuchCORSConfiguration', async () => {
    const s3 = cloud.s3();
    const missing = await s3.send(new GetBucketCorsCommand({ Bucket: bare })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(S3ServiceException);
    expect(missing).toMatchObject({ name: 'NoSuchCORSConfiguration', $metadata: { httpStatusCode: 404 } });

    await s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: RULES } }));
    const got = await s3.send(new GetBucketCorsCommand({ Bucket: bucket }));
    expect(got.CORSRules).toEqual(RULES);

    await s3.send(new DeleteBucketCorsCommand({ Bucket: bare }));
    await s3.send(new DeleteBucketCorsCommand({ Bucket: bucket }));
    const gone = await s3.send(new GetBucketCorsCommand({ Bucket: bucket })).catch((e: unknown) => e);
    expect(gone).toMatchObject({ name: 'NoSuchCORSConfiguration' });
    await s3.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: RULES } }));
  });

  it('refuses bad documents with S3’s errors and leaves the stored rules unchanged', async () => {
    const s3 = cloud.s3();
    const url = `${cloud.endpointUrl}/${bucket}?cors`;
    const broken = await send(
      url,
      'PUT',
      FAKE_AUTH,
      '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin>',
    );
    expect(broken.status).toBe(400);
    expect(broken.body).toContain('<Code>MalformedXML</Code>');
    const noMethod = await send(
      url,
      'PUT',
      FAKE_AUTH,
      '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>',
    );
    expect(noMethod.body).toContain('<Code>MalformedXML</Code>');
    const patch = await s3
      .send(
        new PutBucketCorsCommand({
          Bucket: bucket,
          CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['PATCH'] }] },
        }),
      )
      .catch((e: unknown) => e);
    expect(patch).toMatchObject({
      name: 'InvalidRequest',
      message: 'Found unsupported HTTP method in CORS config. Unsupported method is PATCH',
    });
    expect((await s3.send(new GetBucketCorsCommand({ Bucket: bucket }))).CORSRules).toEqual(RULES);
  });

  it.skipIf(!cliPresent)(
    'aws s3api put-bucket-cors / get-bucket-cors against the endpoint',
    async () => {
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_PAGER: '',
      };
      const aws = (...args: string[]) =>
        run('aws', ['--endpoint-url', cloud.endpointUrl, '--output', 'json', 's3api', ...args], {
          env,
          timeout: 60_000,
        });
      const cli = {
        CORSRules: [
          { AllowedOrigins: ['http://localhost:8080'], AllowedMethods: ['GET'], MaxAgeSeconds: 30 },
        ],
      };
      await aws('put-bucket-cors', '--bucket', bare, '--cors-configuration', JSON.stringify(cli));
      const { stdout } = await aws('get-bucket-cors', '--bucket', bare);
      expect(JSON.parse(stdout)).toEqual(cli);
      await cloud.s3().send(new DeleteBucketCorsCommand({ Bucket: bare }));
    },
    60_000,
  );
});

describe('preflights and actual requests from local origins', () => {
  const objectUrl = () => `${cloud.endpointUrl}/${bucket}/shared/photo.txt`;

  it('a matching preflight gets the rule’s headers and no body', async () => {
    const answer = await send(objectUrl(), 'OPTIONS', {
      origin: APP,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'Content-Type, X-Amz-Date',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
    expect(accessControl(answer)).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, PUT',
      'access-control-allow-headers': 'content-type, x-amz-date',
      'access-control-expose-headers': 'ETag',
      'access-control-max-age': '600',
    });
    expect(answer.headers.vary).toBe('Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
    const wildcardOrigin = await send(objectUrl(), 'OPTIONS', {
      origin: 'http://app.localhost:5173',
      'access-control-request-method': 'GET',
    });
    expect(wildcardOrigin.headers['access-control-allow-origin']).toBe('http://app.localhost:5173');
  });

  it('a preflight no rule matches (method, header or origin) is 403 with S3’s CORSResponse', async () => {
    for (const headers of [
      { origin: APP, 'access-control-request-method': 'DELETE' },
      {
        origin: APP,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization',
      },
      { origin: 'http://localhost:3001', 'access-control-request-method': 'GET' },
    ] as Record<string, string>[]) {
      const answer = await send(objectUrl(), 'OPTIONS', headers);
      expect(answer.status).toBe(403);
      expect(accessControl(answer)).toEqual({});
      expect(answer.body).toContain('<Code>AccessForbidden</Code>');
      expect(answer.body).toContain(
        '<Message>CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource&apos;s CORS spec.</Message>',
      );
      expect(answer.body).toContain(
        `<Method>${headers['access-control-request-method']}</Method><ResourceType>OBJECT</ResourceType>`,
      );
    }
  });

  it('a bucket without CORS, a missing bucket and a missing Origin are refused as S3 refuses them', async () => {
    const none = await send(`${cloud.endpointUrl}/${bare}/x`, 'OPTIONS', {
      origin: APP,
      'access-control-request-method': 'PUT',
    });
    expect(none.status).toBe(403);
    expect(none.body).toContain(
      '<Message>CORSResponse: CORS is not enabled for this bucket.</Message><Method>PUT</Method><ResourceType>BUCKET</ResourceType>',
    );
    const missing = await send(`${cloud.endpointUrl}/no-such-bucket-here/x`, 'OPTIONS', { origin: APP });
    expect(missing.status).toBe(403);
    expect(missing.body).toContain(
      '<Message>CORSResponse: Bucket not found</Message><Method>OPTIONS</Method>',
    );
    const noOrigin = await send(objectUrl(), 'OPTIONS', { 'access-control-request-method': 'GET' });
    expect(noOrigin.status).toBe(400);
    expect(noOrigin.body).toContain(
      '<Code>BadRequest</Code><Message>Insufficient information. Origin request header needed.</Message>',
    );
  });

  it('an actual request gets the allow headers only when a rule matches', async () => {
    const allowed = await send(objectUrl(), 'GET', { ...FAKE_AUTH, origin: APP });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toBe('photo');
    expect(allowed.headers['access-control-allow-origin']).toBe(APP);
    expect(allowed.headers['access-control-expose-headers']).toBe('ETag');
    const otherLocal = await send(objectUrl(), 'GET', { ...FAKE_AUTH, origin: 'http://localhost:3001' });
    expect(otherLocal.status).toBe(200);
    expect(accessControl(otherLocal)).toEqual({});
  });

  it('a foreign origin is refused by the endpoint before S3, whatever the bucket allows', async () => {
    await cloud.s3().send(
      new PutBucketCorsCommand({
        Bucket: bare,
        CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET', 'PUT'] }] },
      }),
    );
    const preflight = await send(`${cloud.endpointUrl}/${bare}/x`, 'OPTIONS', {
      origin: 'http://evil.example',
      'access-control-request-method': 'PUT',
    });
    expect(preflight.status).toBe(403);
    expect(preflight.body).toContain('not a local origin');
    const local = await send(`${cloud.endpointUrl}/${bare}/x`, 'OPTIONS', {
      origin: 'http://localhost:9999',
      'access-control-request-method': 'PUT',
    });
    expect(local.status).toBe(200);
    expect(local.headers['access-control-allow-origin']).toBe('*');
    await cloud.s3().send(new DeleteBucketCorsCommand({ Bucket: bare }));
  });

  it('requests to other services keep the endpoint’s own CORS answer', async () => {
    const answer = await send(`${cloud.endpointUrl}/`, 'OPTIONS', {
      origin: APP,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'x-amz-target',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(APP);
    const lambda = await send(`${cloud.endpointUrl}/2015-03-31/functions/f/invocations`, 'OPTIONS', {
      origin: APP,
      'access-control-request-method': 'POST',
    });
    expect(lambda.status).toBe(200);
  });
});

describe('AWS::S3::Bucket CorsConfiguration', () => {
  it('applies the template’s rules, and a bad rule fails naming the property', async () => {
    const template = (rules: unknown[]) => ({
      Resources: {
        Site: {
          Type: 'AWS::S3::Bucket',
          Properties: { BucketName: 'cors-from-template', CorsConfiguration: { CorsRules: rules } },
        },
      },
    });
    await cloud.engine.deploy({
      stackName: 'cors-template',
      templateBody: JSON.stringify(
        template([
          {
            AllowedOrigins: [APP],
            AllowedMethods: ['GET'],
            ExposedHeaders: ['ETag'],
            MaxAge: 60,
            Id: 'site',
          },
        ]),
      ),
      parameters: {},
    });
    const got = await cloud.s3().send(new GetBucketCorsCommand({ Bucket: 'cors-from-template' }));
    expect(got.CORSRules).toEqual([
      {
        ID: 'site',
        AllowedOrigins: [APP],
        AllowedMethods: ['GET'],
        ExposeHeaders: ['ETag'],
        MaxAgeSeconds: 60,
      },
    ]);
    const preflight = await send(`${cloud.endpointUrl}/cors-from-template/index.html`, 'OPTIONS', {
      origin: APP,
      'access-control-request-method': 'GET',
    });
    expect(preflight.status).toBe(200);

    const bad = await cloud.engine
      .deploy({
        stackName: 'cors-template',
        templateBody: JSON.stringify(template([{ AllowedOrigins: [APP], AllowedMethods: ['PATCH'] }])),
        parameters: {},
      })
      .catch((e: unknown) => e);
    expect(String(bad)).toContain(
      'Resources.Site.Properties.CorsConfiguration.CorsRules: Found unsupported HTTP method in CORS config. Unsupported method is PATCH',
    );
    expect(
      (await cloud.s3().send(new GetBucketCorsCommand({ Bucket: 'cors-from-template' }))).CORSRules,
    ).toEqual(got.CORSRules);
  });
});
