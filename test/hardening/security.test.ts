/**
 * Security: the function's own credentials get only what its role grants (each denial names the
 * action and the resource), stored requests never keep credentials, error bodies never leak
 * internals, the engine listens on loopback by default and keeps its data private to its user.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/src/index.ts';
import { type LocalCloud, postJson, startLocalCloud, TABLE_NAME } from '../support/local-cloud.fixture.ts';
import { CRASH_STACK, crashStackTemplate } from './support/crash-stack.fixture.ts';
import { tableSnapshot } from './support/table.fixture.ts';

let cloud: LocalCloud;
let roleName: string;
let asFunction: { ddb: DynamoDBClient; s3: S3Client; sqs: SQSClient };
beforeAll(async () => {
  cloud = await startLocalCloud();
  const roleArn = cloud.engine.services.lambda.getFunction(cloud.output('LambdaFunctionName')).Role;
  roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  const credentials = cloud.engine.services.iam.issueCredentials(roleArn, 'security-test');
  const config = { endpoint: cloud.endpointUrl, region: 'us-east-1', credentials, maxAttempts: 1 };
  asFunction = {
    ddb: new DynamoDBClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    sqs: new SQSClient(config),
  };
});
afterAll(async () => {
  asFunction?.ddb.destroy();
  asFunction?.s3.destroy();
  asFunction?.sqs.destroy();
  await cloud?.dispose();
});

const TABLE_ARN = `arn:aws:dynamodb:us-east-1:000000000000:table/${TABLE_NAME}`;
const KEY = { RequestId: { S: 'nobody' }, Timestamp: { S: '2026-01-01T00:00:00.000Z' } };

/** The denial AWS gives a role session: who, which action, which resource. */
const denied = (action: string, resource: string) =>
  new RegExp(
    `assumed-role/${roleName}/security-test is not authorized to perform: ${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} on resource: ${resource.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
  );

describe("the function's role, used with its own credentials", () => {
  it.each([
    ['dynamodb:Scan', () => asFunction.ddb.send(new ScanCommand({ TableName: TABLE_NAME }))],
    [
      'dynamodb:Query',
      () =>
        asFunction.ddb.send(
          new QueryCommand({
            TableName: TABLE_NAME,
            KeyConditionExpression: 'RequestId = :id',
            ExpressionAttributeValues: { ':id': { S: 'x' } },
          }),
        ),
    ],
    ['dynamodb:GetItem', () => asFunction.ddb.send(new GetItemCommand({ TableName: TABLE_NAME, Key: KEY }))],
    [
      'dynamodb:DeleteItem',
      () => asFunction.ddb.send(new DeleteItemCommand({ TableName: TABLE_NAME, Key: KEY })),
    ],
  ])('cannot %s its table', async (action, call) => {
    await expect(call()).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(call()).rejects.toThrow(denied(action, TABLE_ARN));
  });

  it('cannot read the bucket (GetObject, ListBucket) nor write outside request-bodies/, but can write inside it', async () => {
    const bucket = cloud.output('S3BucketName');
    const bucketArn = `arn:aws:s3:::${bucket}`;

    const failure = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (error: unknown) => error as Error,
      );

    const inside = await asFunction.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'request-bodies/2026/01/01/allowed', Body: 'ok' }),
    );
    const outside = await failure(
      asFunction.s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'access-logs/forged', Body: 'x' })),
    );
    const read = await failure(
      asFunction.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'request-bodies/2026/01/01/allowed' })),
    );
    const list = await failure(asFunction.s3.send(new ListObjectsV2Command({ Bucket: bucket })));

    expect(inside.ETag).toBeDefined();
    expect(outside?.name).toBe('AccessDenied');
    expect(outside?.message).toMatch(denied('s3:PutObject', `${bucketArn}/access-logs/forged`));
    expect(read?.message).toMatch(denied('s3:GetObject', `${bucketArn}/request-bodies/2026/01/01/allowed`));
    expect(list?.message).toMatch(denied('s3:ListBucket', bucketArn));
  });

  it('cannot send to a queue other than its dead-letter queue', async () => {
    const root = cloud.sqs();
    const other = await root.send(new CreateQueueCommand({ QueueName: 'someone-elses-queue' }));
    const dlqUrl = cloud.output('DeadLetterQueueUrl');
    const dlqName = dlqUrl.slice(dlqUrl.lastIndexOf('/') + 1);
    expect((await root.send(new GetQueueUrlCommand({ QueueName: dlqName }))).QueueUrl).toBe(dlqUrl);

    const toOther = asFunction.sqs.send(
      new SendMessageCommand({ QueueUrl: other.QueueUrl, MessageBody: 'x' }),
    );
    await expect(toOther).rejects.toThrow(
      denied('sqs:SendMessage', 'arn:aws:sqs:us-east-1:000000000000:someone-elses-queue'),
    );
    const toDlq = await asFunction.sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: 'x' }));
    expect(toDlq.MessageId).toEqual(expect.any(String));
  });
});

describe('what is stored and what is answered', () => {
  it('stored headers and cookies never hold the credentials a request carried', async () => {
    const secrets = {
      authorization: 'Bearer sk-live-AUTHSECRET',
      cookie: 'sid=COOKIESECRET; theme=dark',
      'x-api-key': 'APIKEYSECRET',
      'x-amz-security-token': 'STSTOKENSECRET',
      'proxy-authorization': 'Basic PROXYSECRET',
      'x-session-id': 'SESSIONSECRET',
    };

    const response = await postJson(cloud.apiUrl, { hello: 'world' }, secrets);

    expect(response.status).toBe(200);
    const item = (await tableSnapshot(cloud.dynamodb())).get(String(response.json?.requestId));
    expect(item).toBeDefined();
    const stored = JSON.stringify(item);
    for (const secret of [
      'AUTHSECRET',
      'COOKIESECRET',
      'APIKEYSECRET',
      'STSTOKENSECRET',
      'PROXYSECRET',
      'SESSIONSECRET',
    ]) {
      expect(stored).not.toContain(secret);
    }
    expect(item?.Headers).toMatchObject({ authorization: '[REDACTED]', 'x-api-key': '[REDACTED]' });
    expect(item?.Cookies).toEqual(['sid=[REDACTED]', 'theme=[REDACTED]']);
  });

  const leaks = /arn:aws|\bat [\w.<>]+ \(|\.(?:js|ts):\d+|Error:|Exception|stack|\/var\/task|simulated/i;

  it('400, 413, 500, 502 and 503 bodies carry no stack trace, ARN or exception text', async () => {
    const deployed = await cloud.engine.deploy({
      stackName: CRASH_STACK,
      templateBody: JSON.stringify(crashStackTemplate()),
    });
    const crashUrl = String(deployed.stack.outputs.find((o) => o.outputKey === 'Url')?.outputValue).replace(
      /\/$/,
      '',
    );
    // The endpoint's DynamoDB requests run through runParsed (the wire path).
    const service = cloud.engine.services.dynamodb as {
      runParsed: (op: string, input: Record<string, unknown>) => Promise<unknown>;
    };
    const healthy = service.runParsed;

    const answers: Array<[number, string]> = [];
    const record = async (response: Promise<Response>) => {
      const r = await response;
      answers.push([r.status, await r.text()]);
    };
    await record(
      fetch(cloud.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":' }),
    );
    await record(fetch(cloud.apiUrl, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1) }));
    await record(
      fetch(cloud.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'y'.repeat(10 * 1024 * 1024),
      }),
    );
    await record(fetch(`${crashUrl}/throw`));
    service.runParsed = () =>
      Promise.reject(new Error('simulated failure at arn:aws:dynamodb:us-east-1:0:table/x'));
    try {
      await record(fetch(cloud.apiUrl, { method: 'POST', body: 'z' }));
    } finally {
      service.runParsed = healthy;
    }

    expect(answers.map(([status]) => status)).toEqual([400, 413, 500, 502, 503]);
    for (const [, body] of answers) expect(body).not.toMatch(leaks);
  });
});

describe('the engine on this machine', () => {
  let dataDir: string;
  let engine: Engine | undefined;
  beforeAll(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'tapstack-sec-')), 'fresh', 'data');
  });
  afterAll(async () => {
    await engine?.close();
    rmSync(join(dataDir, '..', '..'), { recursive: true, force: true });
  });

  it("listens on 127.0.0.1 by default (AWS endpoint and API listeners), not on the machine's other interfaces", async () => {
    engine = await Engine.start({ dataDir, port: 0, apiBasePort: 0, onWarning: () => {} });
    const { hostname, port } = new URL(engine.endpointUrl);

    expect(hostname).toBe('127.0.0.1');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    const api = new URL(cloud.apiUrl);
    expect(api.hostname).toBe('127.0.0.1');
    if (external) {
      await expect(canConnect(external, Number(port))).resolves.toBe(false);
      await expect(canConnect(external, Number(api.port))).resolves.toBe(false);
    }
    await expect(canConnect('127.0.0.1', Number(port))).resolves.toBe(true);
    await expect(canConnect('127.0.0.1', Number(api.port))).resolves.toBe(true);
  });

  it('creates the data directory and every service directory private to its user (0700)', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const service of ['dynamodb', 'iam', 's3', 'sqs', 'lambda', 'cloudformation', 'logs']) {
      expect(statSync(join(dataDir, service)).mode & 0o777, service).toBe(0o700);
    }
  });
});

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2_000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
