/**
 * `AwsEndpoint.answer` (a call handed over without a socket, as Lambda hosts hand their functions'
 * SDK calls) answers exactly what the same request gets over HTTP: each protocol family, each
 * refusal, IAM denials and bad signatures. Each case sends the same request both ways to one
 * endpoint and compares status, content type and body (request ids aside).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointCall } from '../protocol/endpoint-call.ts';
import type { RawServiceEntry } from '../protocol/service-entry.ts';
import type { WireResponse } from '../protocol/wire-response.ts';
import { AwsEndpoint } from './aws-endpoint.ts';
import { type EndpointFixture, fakeAuth, KNOWN_KEY, ROLE_KEY, startEndpoint } from './endpoint.fixture.ts';

const MAX_BODY = 4096;
let fx: EndpointFixture;

beforeAll(async () => {
  fx = await startEndpoint(new Set(['dynamodb:Scan']), undefined, MAX_BODY);
});
afterAll(async () => fx.close());

interface Seen {
  readonly status: number;
  readonly contentType: string | undefined;
  /** The body with the answer's own request id replaced, so two answers compare. */
  readonly body: string;
}

const requestIdOf = (headers: (name: string) => string | undefined): string =>
  headers('x-amzn-requestid') ?? headers('x-amz-request-id') ?? 'no request id';

function seenOfAnswer(answer: WireResponse): Seen {
  const header = (name: string): string | undefined =>
    Object.entries(answer.headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const body = typeof answer.body === 'string' ? answer.body : answer.body.toString('utf8');
  return {
    status: answer.status,
    contentType: header('content-type'),
    body: body.replaceAll(requestIdOf(header), '<request-id>'),
  };
}

/** The same request over HTTP and through `answer`. */
async function bothWays(call: Omit<EndpointCall, 'headers'> & { headers: Record<string, string> }) {
  const response = await fetch(`${fx.url}${call.url}`, {
    method: call.method,
    headers: call.headers,
    ...(call.method === 'GET' ? {} : { body: call.body as string }),
  });
  const text = await response.text();
  const overHttp: Seen = {
    status: response.status,
    contentType: response.headers.get('content-type') ?? undefined,
    body: text.replaceAll(
      requestIdOf((name) => response.headers.get(name) ?? undefined),
      '<request-id>',
    ),
  };
  const host = new URL(fx.url).host;
  const answer = await fx.endpoint.answer({ ...call, headers: { ...call.headers, host } });
  if (!answer) throw new Error('the endpoint did not answer the call');
  return { overHttp, answered: seenOfAnswer(answer) };
}

const json = (target: string, service: string, accessKeyId?: string) => ({
  ...fakeAuth(service, accessKeyId),
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': target,
});

describe('answers a call as the same request over HTTP', () => {
  const cases: [string, Omit<EndpointCall, 'headers'> & { headers: Record<string, string> }, number][] = [
    [
      'DynamoDB (its own bytes): a list',
      { method: 'POST', url: '/', headers: json('DynamoDB_20120810.ListTables', 'dynamodb'), body: '{}' },
      200,
    ],
    [
      'DynamoDB: a missing table',
      {
        method: 'POST',
        url: '/',
        headers: json('DynamoDB_20120810.DescribeTable', 'dynamodb'),
        body: '{"TableName":"none"}',
      },
      400,
    ],
    [
      'DynamoDB: an IAM denial of a role caller',
      {
        method: 'POST',
        url: '/',
        headers: json('DynamoDB_20120810.Scan', 'dynamodb', ROLE_KEY),
        body: '{"TableName":"any"}',
      },
      400,
    ],
    [
      'a JSON service: an answer',
      {
        method: 'POST',
        url: '/',
        headers: json('Logs_20140328.DescribeLogGroups', 'logs'),
        body: '{"logGroupNamePrefix":"ab"}',
      },
      200,
    ],
    [
      'a JSON service: a validation error',
      {
        method: 'POST',
        url: '/',
        headers: json('Logs_20140328.DescribeLogGroups', 'logs'),
        body: '{"logGroupNamePrefix":"too-long"}',
      },
      400,
    ],
    [
      'a query service (XML)',
      {
        method: 'POST',
        url: '/',
        headers: { ...fakeAuth('cloudformation'), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=DescribeStacks&Version=2010-05-15',
      },
      200,
    ],
    [
      'a REST JSON route',
      { method: 'GET', url: '/2015-03-31/functions/', headers: fakeAuth('lambda'), body: '' },
      200,
    ],
    [
      'a signature that does not match a known key',
      {
        method: 'POST',
        url: '/',
        headers: json('DynamoDB_20120810.ListTables', 'dynamodb', KNOWN_KEY),
        body: '{}',
      },
      400,
    ],
    [
      'an unknown signing name',
      { method: 'POST', url: '/', headers: json('X.Y', 'nosuchservice'), body: '{}' },
      400,
    ],
    [
      'an unsigned query form (answered in the XML of the service its Action names)',
      {
        method: 'POST',
        url: '/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=DescribeStacks&Version=2010-05-15',
      },
      403,
    ],
    [
      'a body over the endpoint limit',
      {
        method: 'POST',
        url: '/',
        headers: json('Logs_20140328.DescribeLogGroups', 'logs'),
        body: JSON.stringify({ logGroupNamePrefix: 'x'.repeat(MAX_BODY) }),
      },
      413,
    ],
  ];
  it.each(cases)('%s', async (_name, call, status) => {
    const { overHttp, answered } = await bothWays(call);
    expect(overHttp.status).toBe(status);
    expect(answered).toEqual(overHttp);
  });
});

describe('what only HTTP carries', () => {
  const served: string[] = [];
  const answerHttp = (req: IncomingMessage, res: ServerResponse): void => {
    served.push(req.url ?? '');
    res.end();
  };
  const s3: RawServiceEntry = {
    kind: 'raw',
    handler: answerHttp,
    errorFormat: { protocol: 'rest-xml' },
    catchAll: true,
    allowAnonymous: true,
  };
  // `answer` needs no listener: this endpoint is never started.
  const endpoint = new AwsEndpoint({ port: 0, services: { s3 } });
  endpoint.mount('/_console', async (req, res) => answerHttp(req, res));

  it('is not answered: a service that speaks HTTP itself, signed or anonymous, and a mounted path', async () => {
    const calls: EndpointCall[] = [
      { method: 'PUT', url: '/bucket/key', headers: { ...fakeAuth('s3'), host: 'h' }, body: 'data' },
      { method: 'GET', url: '/bucket/key', headers: { host: 'h' }, body: '' },
      { method: 'GET', url: '/_console/api/stack', headers: { host: 'h' }, body: '' },
    ];
    for (const call of calls) expect(await endpoint.answer(call)).toBeUndefined();
    // Nothing reached the handlers: the caller sends these over HTTP instead.
    expect(served).toEqual([]);
  });
});
