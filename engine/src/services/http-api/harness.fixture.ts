import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { MetricDatum, MetricSink } from '../cloudwatch/metric-sink.ts';
import type { InvokeRequest, InvokeResult } from '../lambda/model.ts';
import type { LogEvent, LogSink } from '../logs/sink.ts';
import type { HttpApiEventV2 } from './event-builder.ts';
import type { LambdaInvoker } from './invoke-integration.ts';
import { HttpApiService } from './service.ts';

/** Test doubles and a real-HTTP client for the HTTP API service tests. */
export const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:capture';

export type FakeBehaviour = (event: HttpApiEventV2) => Promise<Partial<InvokeResult>> | Partial<InvokeResult>;

/** A Lambda stand-in that records every invoke and answers with `behaviour` (default: echo the event). */
export class FakeLambda implements LambdaInvoker {
  readonly calls: InvokeRequest[] = [];
  behaviour: FakeBehaviour = (event) => ({
    payload: JSON.stringify({ statusCode: 200, body: JSON.stringify(event) }),
  });

  async invoke(request: InvokeRequest): Promise<InvokeResult> {
    this.calls.push(request);
    const answer = await this.behaviour(JSON.parse(request.payload) as HttpApiEventV2);
    return {
      statusCode: 200,
      payload: 'null',
      requestId: 'fake-request-id',
      executedVersion: '$LATEST',
      ...answer,
    };
  }

  lastEvent(): HttpApiEventV2 {
    const last = this.calls.at(-1);
    if (!last) throw new Error('the function was not invoked');
    return JSON.parse(last.payload) as HttpApiEventV2;
  }
}

export class MemoryLogs implements LogSink {
  readonly events: Array<{ group: string; stream: string; event: LogEvent }> = [];
  putLogEvents(group: string, stream: string, events: readonly LogEvent[]): void {
    for (const event of events) this.events.push({ group, stream, event });
  }
  messages(): string[] {
    return this.events.map((e) => e.event.message);
  }
}

export class MemoryMetrics implements MetricSink {
  readonly data: MetricDatum[] = [];
  putMetric(datum: MetricDatum): void {
    this.data.push(datum);
  }
}

export interface Harness {
  readonly service: HttpApiService;
  readonly lambda: FakeLambda;
  readonly logs: MemoryLogs;
  readonly metrics: MemoryMetrics;
  readonly dataDir: string;
  cleanup(): Promise<void>;
}

export const makeHarness = (clock: Clock, dataDir = mkdtempSync(join(tmpdir(), 'http-api-'))): Harness => {
  const lambda = new FakeLambda();
  const logs = new MemoryLogs();
  const metrics = new MemoryMetrics();
  const service = new HttpApiService({ dataDir, clock, account: DEFAULT_ACCOUNT, lambda, logs, metrics });
  return {
    service,
    lambda,
    logs,
    metrics,
    dataDir,
    cleanup: async () => {
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** Creates an API with one Lambda integration, the given routes targeting it, and a stage. */
export const deployApi = async (
  service: HttpApiService,
  options: {
    routeKeys?: readonly string[];
    stage?: Parameters<HttpApiService['createStage']>[1];
    cors?: Parameters<HttpApiService['createApi']>[0]['CorsConfiguration'];
    timeoutInMillis?: number;
  } = {},
): Promise<{ apiId: string; endpoint: string; integrationId: string }> => {
  const api = await service.createApi({
    Name: 'capture-api',
    ProtocolType: 'HTTP',
    ...(options.cors ? { CorsConfiguration: options.cors } : {}),
  });
  const integration = service.createIntegration(api.ApiId, {
    IntegrationType: 'AWS_PROXY',
    IntegrationUri: FUNCTION_ARN,
    PayloadFormatVersion: '2.0',
    ...(options.timeoutInMillis ? { TimeoutInMillis: options.timeoutInMillis } : {}),
  });
  for (const routeKey of options.routeKeys ?? ['$default']) {
    service.createRoute(api.ApiId, {
      RouteKey: routeKey,
      Target: `integrations/${integration.IntegrationId}`,
    });
  }
  service.createStage(api.ApiId, options.stage ?? { StageName: '$default', AutoDeploy: true });
  return {
    apiId: api.ApiId,
    endpoint: service.getEndpoint(api.ApiId),
    integrationId: integration.IntegrationId,
  };
};

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  text(): string;
  json(): unknown;
}

/** A real HTTP request; header values given as arrays are sent as repeated header lines. */
export const send = (
  url: string,
  init: { method?: string; headers?: Record<string, string | string[]>; body?: string | Buffer } = {},
): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          text: () => body.toString('utf8'),
          json: () => JSON.parse(body.toString('utf8')),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });

/** Waits (by yielding, not sleeping) until `condition` holds. */
export const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 10_000 && !condition(); i++) await new Promise<void>((r) => setImmediate(r));
  if (!condition()) throw new Error('condition never held');
};
