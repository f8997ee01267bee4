import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostPolicy } from '../../engine/src/edge/host-allowlist.ts';
import { DEFAULT_ACCOUNT } from '../../engine/src/runtime/account.ts';
import { RealClock } from '../../engine/src/runtime/clock.ts';
import type { MetricSink } from '../../engine/src/services/cloudwatch/metric-sink.ts';
import type { CorsConfiguration, LambdaInvoker } from '../../engine/src/services/http-api/index.ts';
import { HttpApiService } from '../../engine/src/services/http-api/index.ts';
import { deployApi } from '../../engine/src/services/http-api/test-support/harness.ts';
import type { InvokeRequest, InvokeResult } from '../../engine/src/services/lambda/types.ts';
import type { LogEvent, LogSink } from '../../engine/src/services/logs/sink.ts';
import { API_HOST } from './browser.fixture.ts';

/**
 * The HTTP API the browser suite talks to, behind ONE factory so a second implementation (the full
 * engine deploying lib/TapStack.json) can replace this one without touching the tests.
 * This implementation: the real HttpApiService (real listener on 127.0.0.1) shaped like the
 * stack's API (one `$default` route, Lambda proxy 2.0, `$default` stage with an access log), with a
 * fake function that answers like functions/request-processor does.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 */
export interface ApiUnderTestOptions {
  /** The API's CorsConfiguration; `undefined` = the API has none. */
  readonly cors: CorsConfiguration | undefined;
}

/** What the function saw of one invocation (names only, as the stack's DynamoDB item keeps them). */
export interface Invocation {
  readonly method: string;
  readonly path: string;
  /** Lower-case request header names (without `cookie`, which payload 2.0 moves to `cookies`). */
  readonly headerNames: readonly string[];
  readonly cookieNames: readonly string[];
}

/** One request the API answered, as its access log line records it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface ApiUnderTest {
  /** `http://127.0.0.1:<port>`, the `$default` stage's base URL (no trailing slash). */
  readonly url: string;
  /** Function invocations so far, oldest first. */
  invocations(): Promise<readonly Invocation[]>;
  /** Every request the API answered (preflights included), oldest first, from its access log. */
  requests(): Promise<readonly SeenRequest[]>;
  close(): Promise<void>;
}

/** The body the fake function answers with, as functions/request-processor does on success. */
export const SUCCESS_MESSAGE = 'Request processed successfully';

const ACCESS_LOG_GROUP = 'browser-suite-access-logs';
// The stack's access-log format, reduced to the fields the suite reads.
const ACCESS_LOG_FORMAT =
  '{"requestId":"$context.requestId","httpMethod":"$context.httpMethod","path":"$context.path","status":"$context.status"}';

/** Starts one HTTP API with the given CORS configuration; `close()` frees its port and data dir. */
export const startApiUnderTest = async (options: ApiUnderTestOptions): Promise<ApiUnderTest> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'browser-api-'));
  const lambda = new RecordingFunction();
  const logs = new AccessLogCapture();
  const service = new HttpApiService({
    dataDir,
    clock: new RealClock(),
    account: DEFAULT_ACCOUNT,
    lambda,
    logs,
    metrics: discardMetrics,
    // The suite reaches the API under a same-site name too, allowed as `--allow-host` would.
    guard: { hostPolicy: new HostPolicy({ listenHost: '127.0.0.1', allowHosts: [API_HOST] }) },
  });
  try {
    const { endpoint } = await deployApi(service, {
      ...(options.cors ? { cors: options.cors } : {}),
      stage: {
        StageName: '$default',
        AutoDeploy: true,
        AccessLogSettings: {
          DestinationArn: `arn:aws:logs:us-east-1:000000000000:log-group:${ACCESS_LOG_GROUP}`,
          Format: ACCESS_LOG_FORMAT,
        },
      },
    });
    return {
      url: endpoint,
      invocations: async () => [...lambda.invocations],
      requests: async () => logs.lines.map(parseAccessLogLine),
      close: async () => {
        await service.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
};

interface EventShape {
  readonly rawPath?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cookies?: readonly string[];
  readonly requestContext?: { readonly requestId?: string; readonly http?: { readonly method?: string } };
}

/** Records each invocation and answers 200 JSON without any CORS header of its own. */
class RecordingFunction implements LambdaInvoker {
  readonly invocations: Invocation[] = [];

  async invoke(request: InvokeRequest): Promise<InvokeResult> {
    const event = JSON.parse(request.payload) as EventShape;
    this.invocations.push({
      method: event.requestContext?.http?.method ?? '',
      path: event.rawPath ?? '',
      headerNames: Object.keys(event.headers ?? {}),
      cookieNames: (event.cookies ?? []).map((c) => (c.split('=')[0] ?? '').trim()),
    });
    const response = {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: SUCCESS_MESSAGE,
        requestId: event.requestContext?.requestId,
        timestamp: new Date().toISOString(),
      }),
    };
    return {
      statusCode: 200,
      payload: JSON.stringify(response),
      requestId: `fn-${this.invocations.length}`,
      executedVersion: '$LATEST',
    };
  }
}

class AccessLogCapture implements LogSink {
  readonly lines: string[] = [];
  putLogEvents(logGroupName: string, _stream: string, events: readonly LogEvent[]): void {
    if (logGroupName !== ACCESS_LOG_GROUP) return;
    for (const event of events) this.lines.push(event.message);
  }
}

const discardMetrics: MetricSink = { putMetric: () => undefined };

/** Reads one access-log line written with the stack's JSON format (keys httpMethod, path, status). */
export const parseAccessLogLine = (line: string): SeenRequest => {
  const fields = JSON.parse(line) as Record<string, string>;
  return {
    method: fields.httpMethod ?? '',
    path: fields.path ?? '',
    status: Number(fields.status),
  };
};
