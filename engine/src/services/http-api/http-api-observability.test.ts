import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../runtime/clock.ts';
import { deployApi, type Harness, makeHarness, send, until } from './harness.fixture.ts';

const LOG_GROUP_ARN = 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/apigateway/capture:*';
const FORMAT =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","method":"$context.httpMethod",' +
  '"routeKey":"$context.routeKey","status":"$context.status","len":"$context.responseLength",' +
  '"error":"$context.error.message","type":"$context.error.responseType","time":"$context.requestTime",' +
  '"integrationStatus":"$context.integrationStatus","fnStatus":"$context.integration.status"}';

describe('HTTP API throttling, timeouts, access logs and metrics', () => {
  let clock: VirtualClock;
  let h: Harness;
  beforeEach(() => {
    clock = new VirtualClock(Date.UTC(2026, 0, 2, 3, 4, 5));
    h = makeHarness(clock);
  });
  afterEach(async () => {
    await h.cleanup();
  });

  const deployThrottled = () =>
    deployApi(h.service, {
      routeKeys: ['POST /capture'],
      stage: {
        StageName: '$default',
        DefaultRouteSettings: { ThrottlingBurstLimit: 2, ThrottlingRateLimit: 1 },
        AccessLogSettings: { DestinationArn: LOG_GROUP_ARN, Format: FORMAT },
      },
    });

  it('answers 429 once the burst is spent and serves again after the bucket refills', async () => {
    // Prepare
    const { endpoint } = await deployThrottled();
    const post = () => send(`${endpoint}/capture`, { method: 'POST', body: 'x' });

    // Act
    const burst = [await post(), await post(), await post()];
    await clock.advance(1_000);
    const afterRefill = await post();
    const again = await post();

    // Assess
    expect(burst.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(burst[2]?.text()).toBe('{"message":"Too Many Requests"}');
    expect(afterRefill.status).toBe(200);
    expect(again.status).toBe(429);
    expect(h.lambda.calls).toHaveLength(3);
  });

  it('answers 503 Service Unavailable when the integration outlives its timeout', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service, { timeoutInMillis: 5_000 });
    h.lambda.behaviour = () => new Promise(() => {});

    // Act
    const pending = send(`${endpoint}/`);
    await until(() => h.lambda.calls.length === 1);
    await clock.advance(5_000);
    const reply = await pending;

    // Assess
    expect(reply.status).toBe(503);
    expect(reply.text()).toBe('{"message":"Service Unavailable"}');
  });

  it('writes one access log line per request, including 404, 429 and preflight', async () => {
    // Prepare
    const { apiId, endpoint } = await deployThrottled();

    // Act
    const ok = await send(`${endpoint}/capture`, {
      method: 'POST',
      body: 'x',
      headers: { 'user-agent': 'ua' },
    });
    await send(`${endpoint}/capture`, { method: 'POST' });
    await send(`${endpoint}/capture`, { method: 'POST' });
    await send(`${endpoint}/missing`);

    // Assess
    const lines = h.logs.messages().map((m) => JSON.parse(m) as Record<string, string>);
    expect(h.logs.events.every((e) => e.group === '/aws/apigateway/capture')).toBe(true);
    expect(h.logs.events[0]?.stream).toBe(`${apiId}_$default`);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({
      requestId: ok.headers['apigw-requestid'],
      ip: '127.0.0.1',
      method: 'POST',
      routeKey: 'POST /capture',
      status: '200',
      len: String(ok.body.length),
      error: '-',
      type: '-',
      time: '02/Jan/2026:03:04:05 +0000',
      integrationStatus: '200',
      fnStatus: '200',
    });
    expect(lines[2]).toMatchObject({
      status: '429',
      error: 'Too Many Requests',
      type: 'THROTTLED',
      integrationStatus: '-',
    });
    expect(lines[3]).toMatchObject({
      status: '404',
      routeKey: '-',
      error: 'Not Found',
      type: 'RESOURCE_NOT_FOUND',
    });
  });

  it('logs a preflight answered by the gateway', async () => {
    // Prepare
    const { apiId } = await deployApi(h.service, {
      cors: { AllowOrigins: ['*'], AllowMethods: ['POST'] },
      stage: { StageName: '$default', AccessLogSettings: { DestinationArn: LOG_GROUP_ARN, Format: FORMAT } },
    });

    // Act
    await send(`${h.service.getEndpoint(apiId)}/capture`, {
      method: 'OPTIONS',
      headers: { origin: 'https://a.example', 'access-control-request-method': 'POST' },
    });

    // Assess
    expect(h.logs.messages().map((m) => JSON.parse(m))).toEqual([
      expect.objectContaining({ method: 'OPTIONS', status: '204', routeKey: '-' }),
    ]);
  });

  it('logs the integration error of a rejected invocation and of a function error', async () => {
    // Prepare
    const { AwsError } = await import('../../runtime/aws-error.ts');
    const { endpoint } = await deployApi(h.service, {
      stage: {
        StageName: '$default',
        AccessLogSettings: {
          DestinationArn: LOG_GROUP_ARN,
          Format: '$context.requestId $context.status "$context.integrationErrorMessage"',
        },
      },
    });
    h.lambda.behaviour = () => {
      throw new AwsError('AccessDeniedException', 'denied', 403);
    };

    // Act
    await send(`${endpoint}/`);
    h.lambda.behaviour = () => ({ functionError: 'Unhandled', payload: '{"errorMessage":"boom"}' });
    await send(`${endpoint}/`);

    // Assess
    const [denied, failed] = h.logs.messages();
    expect(denied).toMatch(
      / 500 "The IAM role configured on the integration or API Gateway doesn't have permissions/,
    );
    expect(failed).toMatch(/ 502 ".*boom.*"$/);
  });

  it('publishes Count, 4xx, 5xx, Latency, IntegrationLatency and DataProcessed per API and stage', async () => {
    // Prepare
    const { apiId, endpoint } = await deployApi(h.service, { routeKeys: ['POST /capture'] });

    // Act
    await send(`${endpoint}/capture`, { method: 'POST', body: 'abc' });
    await send(`${endpoint}/nothing`);

    // Assess
    const byStage = h.metrics.data.filter(
      (d) => d.dimensions.Stage === '$default' && d.dimensions.ApiId === apiId,
    );
    const values = (name: string) => byStage.filter((d) => d.metricName === name).map((d) => d.value);
    expect(h.metrics.data.every((d) => d.namespace === 'AWS/ApiGateway')).toBe(true);
    expect(values('Count')).toEqual([1, 1]);
    expect(values('4xx')).toEqual([0, 1]);
    expect(values('5xx')).toEqual([0, 0]);
    expect(values('IntegrationLatency')).toHaveLength(1);
    expect(values('Latency')).toHaveLength(2);
    expect(values('DataProcessed')[0]).toBeGreaterThan(3);
    expect(
      h.metrics.data.filter((d) => Object.keys(d.dimensions).length === 1 && d.metricName === 'Count'),
    ).toHaveLength(2);
    expect(h.metrics.data.some((d) => 'Resource' in d.dimensions)).toBe(false);
  });

  it('adds per-route metrics only with DetailedMetricsEnabled', async () => {
    // Prepare
    const { endpoint } = await deployApi(h.service, {
      routeKeys: ['POST /capture'],
      stage: { StageName: '$default', DefaultRouteSettings: { DetailedMetricsEnabled: true } },
    });

    // Act
    await send(`${endpoint}/capture`, { method: 'POST' });

    // Assess
    const detailed = h.metrics.data.filter((d) => d.dimensions.Resource === '/capture');
    expect(detailed.map((d) => d.metricName)).toContain('Count');
    expect(detailed[0]?.dimensions.Method).toBe('POST');
  });
});
