/**
 * A bug behind a request (an exception that is not an AWS error) is answered as AWS answers its
 * own: `InternalFailure` with the request id, never the exception's text; the detail goes to the
 * engine's log under that same request id.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defineOperation } from '../protocol/operation.ts';
import { AwsEndpoint } from './aws-endpoint.ts';
import { fakeAuth } from './endpoint.fixture.ts';

const logged: { error: unknown; requestId: string }[] = [];
let endpoint: AwsEndpoint;
let url: string;

beforeAll(async () => {
  const boom = defineOperation({
    input: {},
    handle: () => {
      const state: { a?: { b: string } } = {};
      // The exact failure a damaged state document used to surface: a TypeError's own words.
      return (state.a as { b: string }).b;
    },
  });
  endpoint = new AwsEndpoint({
    port: 0,
    services: {
      logs: {
        kind: 'json',
        iamPrefix: 'logs',
        protocol: { version: '1.1', targetPrefixes: ['Logs_20140328'], errorNamespace: 'com.amazonaws.logs' },
        operations: { DescribeLogGroups: boom },
      },
    },
    onInternalError: (error, requestId) => logged.push({ error, requestId }),
  });
  url = (await endpoint.start()).url;
});
afterAll(() => endpoint.close());

it('answers InternalFailure with the request id and no exception text; the log has both', async () => {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      ...fakeAuth('logs'),
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'Logs_20140328.DescribeLogGroups',
    },
    body: '{}',
  });
  const body = (await response.json()) as { __type: string; message: string };
  const requestId = response.headers.get('x-amzn-requestid') ?? '';

  expect(response.status).toBe(500);
  expect(body.__type).toMatch(/InternalFailure$/);
  expect(requestId).not.toBe('');
  expect(body.message).toBe(
    `The request processing has failed because of an unknown error. Request id ${requestId}; the detail is in the local cloud's log.`,
  );
  expect(JSON.stringify(body)).not.toMatch(/Cannot read|undefined|TypeError/);
  expect(logged).toHaveLength(1);
  expect(logged[0]?.requestId).toBe(requestId);
  expect(String((logged[0]?.error as Error | undefined)?.message)).toMatch(
    /Cannot read properties of undefined/,
  );
});

it('answers a call made without a socket the same way, and logs it the same way', async () => {
  logged.length = 0;
  const answer = await endpoint.answer({
    method: 'POST',
    url: '/',
    headers: {
      ...fakeAuth('logs'),
      host: new URL(url).host,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'Logs_20140328.DescribeLogGroups',
    },
    body: '{}',
  });
  const requestId = answer?.headers['x-amzn-requestid'] ?? '';
  const body = JSON.parse(String(answer?.body)) as { __type: string; message: string };

  expect(answer?.status).toBe(500);
  expect(body.__type).toMatch(/InternalFailure$/);
  expect(requestId).not.toBe('');
  expect(body.message).toContain(`Request id ${requestId};`);
  expect(logged.map((entry) => entry.requestId)).toEqual([requestId]);
  expect(String((logged[0]?.error as Error | undefined)?.message)).toMatch(/Cannot read properties/);
});
