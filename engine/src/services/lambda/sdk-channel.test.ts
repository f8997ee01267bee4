/**
 * A function's calls through the SDK the host provides reach the local endpoint over the host's
 * port (host/sdk-channel.ts) when the service is given a channel: the real AWS SDK in a real host
 * worker, a real endpoint with the real DynamoDB service and IAM checks behind it.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type EndpointFixture, ROLE_KEY, startEndpoint } from '../../edge/endpoint.fixture.ts';
import type { EndpointCall, EndpointChannel } from '../../protocol/endpoint-call.ts';
import { createFixture, type Fixture, functionConfig, invokeSync } from './service.fixture.ts';

const TABLE = 'channel-items';

/** Each `op` of the event makes one kind of call and answers what came back (or the error's name). */
const CODE = `
const { DynamoDBClient, PutItemCommand, GetItemCommand, ScanCommand, ListTablesCommand } = require('@aws-sdk/client-dynamodb');
const client = new DynamoDBClient({ maxAttempts: 1 });
const elsewhere = new DynamoDBClient({ maxAttempts: 1, endpoint: 'http://127.0.0.1:9' });
const impatient = new DynamoDBClient({ maxAttempts: 1, requestHandler: { requestTimeout: 50, throwOnRequestTimeout: true } });
exports.handler = async (event) => {
  try {
    if (event.op === 'put') {
      await client.send(new PutItemCommand({ TableName: '${TABLE}', Item: { id: { S: event.id } } }));
      const read = await client.send(new GetItemCommand({ TableName: '${TABLE}', Key: { id: { S: event.id } } }));
      return { item: read.Item };
    }
    if (event.op === 'scan') return { count: (await client.send(new ScanCommand({ TableName: '${TABLE}' }))).Count };
    if (event.op === 'list') return { tables: (await client.send(new ListTablesCommand({}))).TableNames };
    if (event.op === 'abort') {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      return { tables: (await client.send(new ListTablesCommand({}), { abortSignal: controller.signal })).TableNames };
    }
    if (event.op === 'impatient') return { tables: (await impatient.send(new ListTablesCommand({}))).TableNames };
    if (event.op === 'elsewhere') return { tables: (await elsewhere.send(new ListTablesCommand({}))).TableNames };
  } catch (error) {
    return { error: error.name, message: error.message };
  }
};`;

let endpoint: EndpointFixture;
let fixture: Fixture | undefined;
const calls: EndpointCall[] = [];

beforeAll(async () => {
  endpoint = await startEndpoint(new Set(['dynamodb:Scan']));
  const admin = new DynamoDBClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'admin', secretAccessKey: 'admin' },
  });
  await admin.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  admin.destroy();
});
afterAll(async () => endpoint.close());
afterEach(async () => {
  await fixture?.service.close();
  fixture = undefined;
  calls.length = 0;
  endpoint.checks.length = 0;
});

/** A service whose functions run as the endpoint's role caller, with `channel` in front of the endpoint. */
function serviceWith(channel: EndpointChannel): Fixture {
  const created = createFixture({
    endpointUrl: endpoint.url,
    endpointChannel: async (call) => {
      calls.push(call);
      return channel(call);
    },
    credentialsFor: () => ({ accessKeyId: ROLE_KEY, secretAccessKey: 'role-secret', sessionToken: 'token' }),
  });
  created.service.createFunction(functionConfig(CODE, { timeoutSeconds: 10 }));
  return created;
}

const run = async (service: Fixture, event: unknown): Promise<Record<string, unknown>> =>
  JSON.parse((await invokeSync(service.service, event)).payload) as Record<string, unknown>;

const targets = (): string[] => calls.map((call) => call.headers['x-amz-target'] ?? '');

describe('the SDK in a function, with a channel to the endpoint', () => {
  it('writes and reads through the channel, with IAM checked for each call', async () => {
    fixture = serviceWith((call) => endpoint.endpoint.answer(call));

    const answer = await run(fixture, { op: 'put', id: 'a1' });

    expect(answer).toEqual({ item: { id: { S: 'a1' } } });
    expect(targets()).toEqual(['DynamoDB_20120810.PutItem', 'DynamoDB_20120810.GetItem']);
    expect(endpoint.checks.map((check) => check.action)).toEqual(['dynamodb:PutItem', 'dynamodb:GetItem']);
    // The call is the request the SDK signed: a server-side header set, the signed JSON body.
    expect(calls[0]?.headers.host).toBe(new URL(endpoint.url).host);
    expect(calls[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAROLEKEY\//);
    const body = calls[0]?.body ?? '';
    expect(JSON.parse(Buffer.from(body).toString('utf8'))).toEqual({
      TableName: TABLE,
      Item: { id: { S: 'a1' } },
    });
  });

  it('gets the IAM denial the endpoint answers', async () => {
    fixture = serviceWith((call) => endpoint.endpoint.answer(call));

    const answer = await run(fixture, { op: 'scan' });

    expect(answer.error).toBe('AccessDeniedException');
    expect(answer.message).toMatch(/dynamodb:Scan/);
    expect(targets()).toEqual(['DynamoDB_20120810.Scan']);
  });

  it('sends a call over HTTP when the endpoint does not answer it through the channel', async () => {
    fixture = serviceWith(async () => undefined);

    const answer = await run(fixture, { op: 'put', id: 'over-http' });

    // Only HTTP could have carried these: the channel answered neither.
    expect(answer).toEqual({ item: { id: { S: 'over-http' } } });
    expect(targets()).toEqual(['DynamoDB_20120810.PutItem', 'DynamoDB_20120810.GetItem']);
  });

  it('leaves calls to any other address to HTTP', async () => {
    fixture = serviceWith((call) => endpoint.endpoint.answer(call));

    const answer = await run(fixture, { op: 'elsewhere' });

    expect(answer.error).toBeDefined();
    expect(String(answer.message)).toMatch(/ECONNREFUSED/);
    expect(calls).toEqual([]);
  });

  it.each([
    ['rejects an aborted call with AbortError', 'abort', 'AbortError', /^Request aborted$/],
    [
      'times a call out when the client asks for it (requestTimeout, throwOnRequestTimeout)',
      'impatient',
      'TimeoutError',
      /exceeded the configured 50 ms requestTimeout/,
    ],
  ])('%s, as the HTTP handler does, and ignores the late answer', async (_name, op, name, message) => {
    let slow = true;
    fixture = serviceWith(async (call) => {
      if (slow) await new Promise((resolve) => setTimeout(resolve, 300));
      return endpoint.endpoint.answer(call);
    });

    const late = await run(fixture, { op });
    slow = false;
    const next = await run(fixture, { op });

    expect(late.error).toBe(name);
    expect(late.message).toMatch(message);
    expect(next.tables).toContain(TABLE);
  });

  it('fails the call, naming the local endpoint, when the main thread cannot answer', async () => {
    fixture = serviceWith(async () => {
      throw new Error('answering broke');
    });

    const answer = await run(fixture, { op: 'list' });

    expect(answer.message).toBe('local endpoint: answering broke');
  });
});
