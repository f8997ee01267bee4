import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { FakeLambda, FUNCTION_ARN, MemoryLogs, MemoryMetrics } from './harness.fixture.ts';
import type { ApiState } from './model.ts';
import { type GatewayDeps, handleRequest, type IncomingRequest } from './request-handler.ts';
import { ACCOUNT_LIMITS, TokenBuckets } from './throttle.ts';

const state: ApiState = {
  api: {
    ApiId: 'abcdefghij',
    Name: 'a',
    ProtocolType: 'HTTP',
    Tags: {},
    CreatedDate: '2026-01-01T00:00:00Z',
  },
  routes: {
    r1: { RouteId: 'r1', RouteKey: '$default', Target: 'integrations/i1', AuthorizationType: 'NONE' },
  },
  integrations: {
    i1: {
      IntegrationId: 'i1',
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: FUNCTION_ARN,
      FunctionArn: FUNCTION_ARN,
      PayloadFormatVersion: '2.0',
      TimeoutInMillis: 30_000,
    },
  },
  stages: {
    $default: {
      StageName: '$default',
      AutoDeploy: true,
      RouteSettings: {},
      StageVariables: {},
      Tags: {},
      CreatedDate: '',
      LastUpdatedDate: '',
    },
  },
};

const request: IncomingRequest = {
  method: 'GET',
  rawPath: '/',
  rawQueryString: '',
  headers: [],
  body: new Uint8Array(),
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
  tooLarge: false,
};

describe('handleRequest', () => {
  it('throttles at the account-level burst even without stage limits, and recovers at the account rate', async () => {
    // Prepare
    const clock = new VirtualClock();
    const deps: GatewayDeps = {
      clock,
      account: DEFAULT_ACCOUNT,
      lambda: new FakeLambda(),
      logs: new MemoryLogs(),
      metrics: new MemoryMetrics(),
      buckets: new TokenBuckets(),
    };

    // Act
    const statuses: number[] = [];
    for (let i = 0; i <= ACCOUNT_LIMITS.burst; i++)
      statuses.push((await handleRequest(deps, state, request)).statusCode);
    await clock.advance(1);
    const afterOneMs = await handleRequest(deps, state, request);

    // Assess
    expect(statuses.filter((s) => s === 200)).toHaveLength(ACCOUNT_LIMITS.burst);
    expect(statuses.at(-1)).toBe(429);
    expect(afterOneMs.statusCode).toBe(200);
  });

  it('puts the gateway headers on every reply: date from the clock, request id, content length', async () => {
    // Prepare
    const clock = new VirtualClock(Date.UTC(2026, 4, 6, 7, 8, 9));
    const deps: GatewayDeps = {
      clock,
      account: DEFAULT_ACCOUNT,
      lambda: new FakeLambda(),
      logs: new MemoryLogs(),
      metrics: new MemoryMetrics(),
      buckets: new TokenBuckets(),
    };

    // Act
    const reply = await handleRequest(deps, state, { ...request, rawPath: '/nothing-matches-but-default' });
    const names = reply.headers.map(([n]) => n);

    // Assess
    expect(reply.headers.find(([n]) => n === 'date')?.[1]).toBe('Wed, 06 May 2026 07:08:09 GMT');
    expect(names).toContain('apigw-requestid');
    expect(reply.headers.find(([n]) => n === 'content-length')?.[1]).toBe(String(reply.body.length));
  });
});
