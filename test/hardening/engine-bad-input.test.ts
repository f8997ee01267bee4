/**
 * Bad input into the engine itself: templates, parameters, malformed AWS wire requests and a damaged
 * data directory. Each gets an error naming the template location, resource, field or file; the
 * engine keeps serving, and a damaged file is reported and left exactly as it was (never reset).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalCloud,
  postJson,
  STACK_NAME,
  startLocalCloud,
  TABLE_NAME,
} from '../support/local-cloud.fixture.ts';
import { ensureCliBuilt, exited, runCli, startCliCloud } from './support/cli.fixture.ts';
import { tableSnapshot } from './support/table.fixture.ts';

let cloud: LocalCloud;
let firstId: string;
beforeAll(async () => {
  ensureCliBuilt();
  cloud = await startLocalCloud();
  firstId = String((await postJson(cloud.apiUrl, { before: 'bad input' })).json?.requestId);
});
afterAll(async () => {
  await cloud?.dispose();
});

const queue = (properties: Record<string, unknown> = {}) => ({
  Type: 'AWS::SQS::Queue',
  Properties: properties,
});
const deploy = (template: unknown, parameters: Record<string, string> = {}, stackName = 'bad-input') =>
  cloud.engine.deploy({
    stackName,
    templateBody: typeof template === 'string' ? template : JSON.stringify(template),
    parameters,
  });

async function stillServing(): Promise<void> {
  expect((await postJson(cloud.apiUrl, { still: 'serving' })).status).toBe(200);
  expect((await tableSnapshot(cloud.dynamodb())).has(firstId)).toBe(true);
}

describe('templates the deployer refuses, naming where', () => {
  it.each([
    ['not JSON', '{"Resources": {', /template is not valid JSON \(.*position 15/],
    ['neither JSON nor YAML', 'Resources:\n  Q: [\n', /template is not valid JSON or YAML \(.*line/],
    ['a JSON list', '[]', /template: expected a JSON object, got a list/],
    ['no Resources section', {}, /Resources: the section is required/],
    ['a resource without Type', { Resources: { A: { Properties: {} } } }, /Resources\.A: Type is required/],
    [
      'an unsupported resource type',
      { Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } } },
      /Resources\.Vpc: resource type AWS::EC2::VPC is not supported/,
    ],
    [
      'a reference cycle',
      {
        Resources: {
          A: queue({ QueueName: { 'Fn::GetAtt': ['B', 'QueueName'] } }),
          B: queue({ QueueName: { 'Fn::GetAtt': ['A', 'QueueName'] } }),
        },
      },
      /Circular dependency between resources: \[A, B\]/,
    ],
    [
      'a dangling Ref',
      { Resources: { A: queue({ QueueName: { Ref: 'Missing' } }) } },
      /Resources\.A\.Properties\.QueueName\.Ref: .*A refers to Missing \(Ref\), which is not declared/,
    ],
    [
      'a dangling Fn::GetAtt',
      { Resources: { A: queue({ QueueName: { 'Fn::GetAtt': ['Missing', 'Arn'] } }) } },
      /Resources\.A\.Properties\.QueueName\.Fn::GetAtt: .*Missing \(Fn::GetAtt\)/,
    ],
    [
      'an unknown intrinsic',
      { Resources: { Q: queue({ QueueName: { 'Fn::Bogus': ['a'] } }) } },
      /Resources\.Q\.Properties\.QueueName\.Fn::Bogus: unknown intrinsic function 'Fn::Bogus'/,
    ],
  ])('%s', async (_name, template, message) => {
    await expect(deploy(template)).rejects.toThrow(message);
    await stillServing();
  });
});

describe('parameter values the deployer refuses, naming the parameter', () => {
  const template = {
    Parameters: {
      Env: { Type: 'String', AllowedValues: ['dev', 'prod'], Default: 'dev' },
      Name: { Type: 'String', AllowedPattern: '[a-z]+', Default: 'abc' },
      Short: { Type: 'String', MinLength: 3, Default: 'abcd' },
    },
    Resources: { A: queue() },
  };

  it.each([
    [{ Env: 'qa' }, /Parameter 'Env' must be one of AllowedValues/],
    [{ Name: 'ABC1' }, /Parameter Name must match pattern \[a-z\]\+/],
    [{ Short: 'ab' }, /Parameter 'Short' must contain at least 3 characters/],
    [{ Unknown: 'x' }, /Parameters: \[Unknown\] do not exist in the template/],
  ])('%o', async (parameters, message) => {
    await expect(deploy(template, parameters, 'bad-parameters')).rejects.toThrow(message);
    await stillServing();
  });

  it('a bad value for the running stack leaves it as it was', async () => {
    await expect(
      cloud.engine.deploy({
        stackName: STACK_NAME,
        templateBody: readFileSync('lib/TapStack.json', 'utf8'),
        parameters: { EnvironmentSuffix: 'dev', ThrottlingRateLimit: 'fast' },
      }),
    ).rejects.toThrow(/ThrottlingRateLimit/);
    await stillServing();
  });
});

describe('malformed requests on the AWS endpoint', () => {
  const dynamo = (target: string, body: string, headers: Record<string, string> = {}) =>
    fetch(cloud.endpointUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': target,
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20261125/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
        'x-amz-date': '20261125T120000Z',
        ...headers,
      },
      body,
    }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { __type?: string; message?: string },
    }));

  it('bad JSON: 400 SerializationException', async () => {
    const response = await dynamo('DynamoDB_20120810.ListTables', '{"Limit":');

    expect(response.status).toBe(400);
    expect(response.body.__type).toMatch(/SerializationException$/);
  });

  it('an unknown X-Amz-Target: 400 UnknownOperationException', async () => {
    const response = await dynamo('DynamoDB_20120810.DropEverything', '{}');

    // AWS answers with the type alone; locally the message names the operation and says why.
    expect(response.status).toBe(400);
    expect(response.body.__type).toBe('com.amazon.coral.service#UnknownOperationException');
    expect(response.body.message).toMatch(/^DropEverything is not emulated locally/);
  });

  it('no SigV4 at all: 400 MissingAuthenticationTokenException', async () => {
    const response = await dynamo('DynamoDB_20120810.ListTables', '{}', { authorization: '' });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ message: 'Request is missing Authentication Token' });
  });

  it("a role key signed with the wrong secret is refused, and can't fall back to root", async () => {
    const roleArn = cloud.engine.services.lambda.getFunction(cloud.output('LambdaFunctionName')).Role;
    const issued = cloud.engine.services.iam.issueCredentials(roleArn, 'forger');
    const forged = new DynamoDBClient({
      ...cloud.clientConfig,
      credentials: { ...issued, secretAccessKey: 'not-the-secret' },
      maxAttempts: 1,
    });

    const attempt = forged.send(new ScanCommand({ TableName: TABLE_NAME }));

    await expect(attempt).rejects.toMatchObject({
      name: expect.stringMatching(/InvalidSignature|UnrecognizedClient/),
    });
    forged.destroy();
  });

  it('a session key the engine never issued is refused, not treated as root', async () => {
    const stranger = new DynamoDBClient({
      ...cloud.clientConfig,
      credentials: { accessKeyId: 'ASIANEVERISSUED0001', secretAccessKey: 'x', sessionToken: 'y' },
      maxAttempts: 1,
    });

    // AWS says UnrecognizedClientException (400); the engine's IAM gate answers AccessDeniedException
    // (403) with AWS's message. Either way: refused, never served as the account root.
    await expect(stranger.send(new ListTablesCommand({}))).rejects.toThrow(
      'The security token included in the request is invalid.',
    );
    stranger.destroy();
  });
});

describe('the CLI on a bad template or a damaged data directory', () => {
  let pristine: string;
  let scratch: string;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'tapstack-corrupt-'));
    pristine = join(scratch, 'pristine');
    const seeded = await startLocalCloud({ dataDir: pristine });
    expect((await postJson(seeded.apiUrl, { keep: 'me' })).status).toBe(200);
    await seeded.stop();
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const copy = (name: string): string => {
    const dir = join(scratch, name);
    cpSync(pristine, dir, { recursive: true });
    return dir;
  };
  const up = (dataDir: string, template = 'lib/TapStack.json') =>
    runCli(['up', '--template', template, '--data-dir', dataDir, '--port', '0', '--api-port', '0']);

  it('a template that is not JSON: exit 1, the message names the problem', async () => {
    const template = join(scratch, 'broken.json');
    writeFileSync(template, '{"Resources": {"Q": {"Type": "AWS::SQS::Queue",');

    const run = await up(join(scratch, 'fresh'), template);

    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/tapstack: .*template is not valid JSON/);
  });

  it.each([
    [
      'garbage in cloudformation/stacks.json',
      'cloudformation/stacks.json',
      'garbage{',
      /state file .*cloudformation\/stacks\.json is not valid JSON/,
    ],
    [
      'a corrupted http-api.json',
      'http-api/http-api.json',
      '{"apis": {"x": ',
      /state file .*http-api\/http-api\.json is not valid JSON/,
    ],
    [
      'garbage in the LevelDB CURRENT file',
      'dynamodb/leveldb/CURRENT',
      'garbage\n',
      /DynamoDB data directory .*dynamodb\/leveldb could not be opened/,
    ],
  ])('%s: exit 1, the file named, the file left exactly as it was', async (_name, file, garbage, message) => {
    const dir = copy(file.replace(/\W/g, '-'));
    writeFileSync(join(dir, file), garbage);

    const run = await up(dir);

    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/left untouched/);
    expect(readFileSync(join(dir, file), 'utf8')).toBe(garbage);
  });

  it('a truncated LevelDB MANIFEST: exit 1 naming the directory, the file left as it was', async () => {
    const dir = copy('manifest');
    const current = readFileSync(join(dir, 'dynamodb/leveldb/CURRENT'), 'utf8').trim();
    const manifest = join(dir, 'dynamodb/leveldb', current);
    truncateSync(manifest, 10);
    const damaged = readFileSync(manifest);

    const run = await up(dir);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/DynamoDB data directory .*leveldb could not be opened \(LEVEL_CORRUPTION/);
    expect(readFileSync(manifest).equals(damaged)).toBe(true);
  });

  // LevelDB treats a short write-ahead log as a torn tail after a crash and drops what follows the
  // tear without a word (classic-level exposes no paranoid checks), which can lose a whole table.
  // The engine checks on start that every table its stacks created is there, and refuses otherwise.
  it('a truncated LevelDB write-ahead log that lost the table is reported, not silently dropped', async () => {
    const dir = copy('wal');
    const leveldb = join(dir, 'dynamodb/leveldb');
    const log = readdirSync(leveldb).find((f) => f.endsWith('.log'));
    expect(log).toBeDefined();
    const logPath = join(leveldb, String(log));
    truncateSync(logPath, 100);

    const start = startCliCloud(['--data-dir', dir, '--port', '0', '--api-port', '0']);

    await expect(start).rejects.toThrow(/exited \(1\)/);
    await expect(start).rejects.toThrow(
      /The data directory .* does not hold what its stacks recorded; nothing was changed:\n {2}- .*dynamodb\/leveldb has no table serverless-infrastructure-requests: AWS::DynamoDB::Table RequestDataTable/,
    );
    // LevelDB's own recovery rewrites its log on open, so the file cannot stay byte-identical here;
    // what matters is that no later start quietly serves an empty table either.
    await expect(startCliCloud(['--data-dir', dir, '--port', '0', '--api-port', '0'])).rejects.toThrow(
      /has no table serverless-infrastructure-requests/,
    );
  });

  it('the undamaged copy starts and still holds the item (the damage, not the copy, made the others fail)', async () => {
    const dir = copy('control');
    const running = await startCliCloud(['--data-dir', dir, '--port', '0', '--api-port', '0']);
    try {
      const items = await storedItems(running.endpointUrl);
      expect([...items.values()].some((item) => String(item.Body).includes('"keep":"me"'))).toBe(true);
    } finally {
      running.child.kill('SIGTERM');
      await exited(running.child);
    }
  });
});

async function storedItems(endpoint: string) {
  const ddb = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  try {
    return await tableSnapshot(ddb);
  } finally {
    ddb.destroy();
  }
}
