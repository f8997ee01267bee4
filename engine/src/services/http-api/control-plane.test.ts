import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { AwsError } from '../../runtime/aws-error.ts';
import { RealClock } from '../../runtime/clock.ts';
import {
  FUNCTION_ARN,
  type Harness,
  MemoryLogs,
  MemoryMetrics,
  makeHarness,
  send,
} from './harness.fixture.ts';
import { HttpApiService } from './service.ts';

const expectAwsError = (fn: () => unknown, code: string, status: number, text: RegExp): void => {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AwsError);
  expect(caught).toMatchObject({ code, status });
  expect((caught as Error).message).toMatch(text);
};

describe('HTTP API control plane', () => {
  let h: Harness;
  let apiId: string;
  beforeEach(async () => {
    h = makeHarness(new RealClock());
    apiId = (await h.service.createApi({ Name: 'api', ProtocolType: 'HTTP' })).ApiId;
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('gives APIs 10-character lowercase alphanumeric ids and a local endpoint', () => {
    const api = h.service.getApi(apiId);
    expect(api.ApiId).toMatch(/^[a-z0-9]{10}$/);
    expect(api.ApiEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.service.listApis().map((a) => a.ApiId)).toEqual([apiId]);
  });

  it.each([
    ['an unknown API', (s: HttpApiService) => s.getApi('nope'), 'NotFoundException', 404, /nope/],
    [
      'a WebSocket API',
      (s: HttpApiService) => s.createApi({ Name: 'w', ProtocolType: 'WEBSOCKET' }),
      'BadRequestException',
      400,
      /ProtocolType/,
    ],
  ])('rejects %s', async (_name, op, code, status, text) => {
    await expect(Promise.resolve().then(() => op(h.service))).rejects.toMatchObject({ code, status });
    await expect(Promise.resolve().then(() => op(h.service))).rejects.toThrow(text);
  });

  it('rejects AllowCredentials with a * origin, naming the field', async () => {
    await expect(
      h.service.createApi({
        Name: 'c',
        ProtocolType: 'HTTP',
        CorsConfiguration: { AllowOrigins: ['*'], AllowCredentials: true },
      }),
    ).rejects.toMatchObject({
      code: 'BadRequestException',
      message: expect.stringMatching(/AllowCredentials/),
    });
  });

  it('updates the name and removes CORS with null', () => {
    h.service.updateApi(apiId, { CorsConfiguration: { AllowOrigins: ['*'] } });
    const updated = h.service.updateApi(apiId, { Name: 'renamed', CorsConfiguration: null });
    expect(updated.Name).toBe('renamed');
    expect(updated.CorsConfiguration).toBeUndefined();
  });

  it.each([
    ['a plain function ARN', FUNCTION_ARN],
    [
      'the apigateway invocations path',
      `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FUNCTION_ARN}/invocations`,
    ],
  ])('accepts %s as IntegrationUri and defaults the timeout to 30 s', (_name, uri) => {
    const integration = h.service.createIntegration(apiId, {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: uri,
      PayloadFormatVersion: '2.0',
    });
    expect(integration.FunctionArn).toBe(FUNCTION_ARN);
    expect(integration.TimeoutInMillis).toBe(30_000);
    expect(integration.IntegrationId).toMatch(/^[a-z0-9]{7}$/);
  });

  it.each([
    [{ PayloadFormatVersion: '1.0' }, /PayloadFormatVersion 1\.0/],
    [{ PayloadFormatVersion: undefined }, /PayloadFormatVersion/],
    [{ IntegrationType: 'HTTP_PROXY' }, /IntegrationType/],
    [{ IntegrationUri: 'arn:aws:sqs:us-east-1:000000000000:q' }, /IntegrationUri/],
    [{ TimeoutInMillis: 30_001 }, /TimeoutInMillis/],
  ])('rejects integration %j', (override, text) => {
    const input = {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: FUNCTION_ARN,
      PayloadFormatVersion: '2.0',
      ...override,
    };
    expectAwsError(
      () => h.service.createIntegration(apiId, input as never),
      'BadRequestException',
      400,
      text,
    );
  });

  it('rejects a duplicate route key with a conflict and a bad target with a bad request', () => {
    h.service.createRoute(apiId, { RouteKey: 'GET /items' });
    expectAwsError(
      () => h.service.createRoute(apiId, { RouteKey: 'GET /items' }),
      'ConflictException',
      409,
      /GET \/items/,
    );
    expectAwsError(
      () => h.service.createRoute(apiId, { RouteKey: 'GET /x', Target: 'integrations/missing' }),
      'BadRequestException',
      400,
      /Target/,
    );
    expectAwsError(
      () => h.service.createRoute(apiId, { RouteKey: 'GET items' }),
      'BadRequestException',
      400,
      /RouteKey/,
    );
  });

  it('refuses to delete an integration a route still targets', () => {
    const integration = h.service.createIntegration(apiId, {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: FUNCTION_ARN,
      PayloadFormatVersion: '2.0',
    });
    const route = h.service.createRoute(apiId, {
      RouteKey: '$default',
      Target: `integrations/${integration.IntegrationId}`,
    });
    expectAwsError(
      () => h.service.deleteIntegration(apiId, integration.IntegrationId),
      'ConflictException',
      409,
      /route/,
    );
    h.service.deleteRoute(apiId, route.RouteId);
    h.service.deleteIntegration(apiId, integration.IntegrationId);
    expectAwsError(
      () => h.service.deleteRoute(apiId, route.RouteId),
      'NotFoundException',
      404,
      new RegExp(route.RouteId),
    );
  });

  it.each([
    [{ StageName: 'bad name' }, /StageName/],
    [
      { StageName: 's', AccessLogSettings: { DestinationArn: 'nope', Format: '$context.requestId' } },
      /DestinationArn/,
    ],
    [
      {
        StageName: 's',
        AccessLogSettings: {
          DestinationArn: 'arn:aws:logs:us-east-1:1:log-group:g',
          Format: '$context.status',
        },
      },
      /requestId/,
    ],
    [{ StageName: 's', DefaultRouteSettings: { ThrottlingBurstLimit: -1 } }, /ThrottlingBurstLimit/],
  ])('rejects stage %j', (input, text) => {
    expectAwsError(() => h.service.createStage(apiId, input), 'BadRequestException', 400, text);
  });

  it('updates stage settings field by field and removes access logging with null', () => {
    h.service.createStage(apiId, {
      StageName: 'dev',
      StageVariables: { a: '1' },
      AccessLogSettings: {
        DestinationArn: 'arn:aws:logs:us-east-1:1:log-group:g',
        Format: '$context.requestId',
      },
    });
    const updated = h.service.updateStage(apiId, 'dev', {
      DefaultRouteSettings: { ThrottlingRateLimit: 5 },
      AccessLogSettings: null,
    });
    expect(updated.StageVariables).toEqual({ a: '1' });
    expect(updated.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 5 });
    expect(updated.AccessLogSettings).toBeUndefined();
    expectAwsError(() => h.service.createStage(apiId, { StageName: 'dev' }), 'ConflictException', 409, /dev/);
    h.service.deleteStage(apiId, 'dev');
    expectAwsError(() => h.service.getStage(apiId, 'dev'), 'NotFoundException', 404, /dev/);
  });

  it('lists the routes, integrations and stages of an API', () => {
    const integration = h.service.createIntegration(apiId, {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: FUNCTION_ARN,
      PayloadFormatVersion: '2.0',
    });
    h.service.createRoute(apiId, {
      RouteKey: 'POST /capture',
      Target: `integrations/${integration.IntegrationId}`,
    });
    h.service.createStage(apiId, { StageName: '$default', AutoDeploy: true });
    expect(h.service.getRoutes(apiId).map((r) => r.RouteKey)).toEqual(['POST /capture']);
    expect(h.service.getIntegrations(apiId).map((i) => i.IntegrationId)).toEqual([integration.IntegrationId]);
    expect(h.service.getStages(apiId).map((s) => s.StageName)).toEqual(['$default']);
  });

  it('answers 500 for a route without an integration target', async () => {
    h.service.createRoute(apiId, { RouteKey: '$default' });
    h.service.createStage(apiId, { StageName: '$default' });
    const reply = await send(`${h.service.getEndpoint(apiId)}/`);
    expect(reply.status).toBe(500);
  });
});

describe('HTTP API listener ports', () => {
  it('gives new APIs basePort, basePort+1, ... and skips ports in use', async () => {
    // Prepare: find a free port and occupy the one after it.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const base = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(base + 1, '127.0.0.1', () => r()));
    const h = makeHarness(new RealClock());
    const service = new HttpApiService({
      dataDir: h.dataDir,
      clock: new RealClock(),
      account: DEFAULT_ACCOUNT,
      lambda: h.lambda,
      logs: new MemoryLogs(),
      metrics: new MemoryMetrics(),
      basePort: base,
    });

    // Act
    const first = await service.createApi({ Name: 'a', ProtocolType: 'HTTP' });
    const second = await service.createApi({ Name: 'b', ProtocolType: 'HTTP' });

    // Assess
    expect(first.ApiEndpoint).toBe(`http://127.0.0.1:${base}`);
    expect(second.ApiEndpoint).toBe(`http://127.0.0.1:${base + 2}`);
    await service.close();
    await new Promise<void>((r) => blocker.close(() => r()));
    await h.cleanup();
  });
});
