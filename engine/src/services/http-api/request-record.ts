import type { MetricSink } from '../cloudwatch/metric-sink.ts';
import type { LogSink } from '../logs/sink.ts';
import {
  type AccessLogValues,
  accessLogStreamName,
  logGroupNameFromArn,
  renderAccessLog,
} from './access-log.ts';
import { formatClfTime } from './event-builder.ts';
import type { GatewayResponse } from './gateway-responses.ts';
import { gatewayMetrics } from './metrics.ts';
import type { ApiRecord, StageRecord } from './model.ts';

/**
 * What the gateway learnt about one request, filled in as it goes, and what it writes once the
 * response is known: one access-log line (when the stage has AccessLogSettings) and the metrics.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html
 */
export interface RequestTrace {
  readonly api: ApiRecord;
  readonly requestId: string;
  readonly accountId: string;
  /** `<apiId>.execute-api.<region>.amazonaws.com`, as AWS names the API's default endpoint. */
  readonly domainName: string;
  readonly startedAt: number;
  readonly method: string;
  readonly path: string;
  readonly sourceIp: string;
  readonly protocol: string;
  readonly userAgent: string | undefined;
  readonly requestBytes: number;
  stage?: StageRecord;
  preflight?: boolean;
  /** Refused because the disk is under the engine's floor: nothing is recorded for it. */
  diskRefused?: boolean;
  routeKey?: string;
  routePath?: string;
  gatewayError?: GatewayResponse;
  integrationLatency?: number;
  /** The Lambda service's status for the Invoke call. */
  integrationStatus?: number;
  /** The status the function's own response asked for. */
  functionStatus?: number;
  integrationRequestId?: string;
  integrationError?: string;
}

export interface RecordedReply {
  readonly statusCode: number;
  readonly body: Buffer;
}

export const recordRequest = (
  sinks: { readonly logs: LogSink; readonly metrics: MetricSink },
  trace: RequestTrace,
  reply: RecordedReply,
  now: number,
): void => {
  const latency = now - trace.startedAt;
  const settings = trace.stage?.AccessLogSettings;
  const logGroup = settings ? logGroupNameFromArn(settings.DestinationArn) : undefined;
  if (settings && logGroup && trace.stage) {
    const message = renderAccessLog(settings.Format, accessLogValues(trace, reply, latency));
    sinks.logs.putLogEvents(logGroup, accessLogStreamName(trace.api.ApiId, trace.stage.StageName), [
      { timestamp: trace.startedAt, message },
    ]);
  }
  const routeSettings = trace.routeKey ? trace.stage?.RouteSettings[trace.routeKey] : undefined;
  const detailed =
    routeSettings?.DetailedMetricsEnabled ??
    trace.stage?.DefaultRouteSettings?.DetailedMetricsEnabled ??
    false;
  for (const datum of gatewayMetrics({
    apiId: trace.api.ApiId,
    ...(trace.stage ? { stage: trace.stage.StageName } : {}),
    method: trace.method,
    ...(trace.routeKey ? { resource: trace.routePath ?? trace.routeKey } : {}),
    detailed,
    statusCode: reply.statusCode,
    latencyMs: latency,
    ...(trace.integrationLatency !== undefined ? { integrationLatencyMs: trace.integrationLatency } : {}),
    dataProcessedBytes: trace.requestBytes + reply.body.length,
    timestamp: trace.startedAt,
  })) {
    sinks.metrics.putMetric(datum);
  }
};

export const accessLogValues = (
  trace: RequestTrace,
  reply: RecordedReply,
  latency: number,
): AccessLogValues => {
  const values: AccessLogValues = {
    accountId: trace.accountId,
    apiId: trace.api.ApiId,
    dataProcessed: trace.requestBytes + reply.body.length,
    domainName: trace.domainName,
    domainPrefix: trace.api.ApiId,
    extendedRequestId: trace.requestId,
    httpMethod: trace.method,
    'identity.sourceIp': trace.sourceIp,
    'identity.userAgent': trace.userAgent,
    path: trace.path,
    protocol: trace.protocol,
    requestId: trace.requestId,
    requestTime: formatClfTime(trace.startedAt),
    requestTimeEpoch: trace.startedAt,
    responseLatency: latency,
    responseLength: reply.body.length,
    routeKey: trace.routeKey,
    stage: trace.stage?.StageName,
    status: reply.statusCode,
    'integration.latency': trace.integrationLatency,
    integrationLatency: trace.integrationLatency,
    integrationStatus: trace.integrationStatus,
    'integration.integrationStatus': trace.integrationStatus,
    'integration.status': trace.functionStatus,
    'integration.requestId': trace.integrationRequestId,
    'integration.error': trace.integrationError,
    integrationErrorMessage: trace.integrationError,
    'error.message': trace.gatewayError?.message,
    'error.messageString': trace.gatewayError ? JSON.stringify(trace.gatewayError.message) : undefined,
    'error.responseType': trace.gatewayError?.responseType,
  };
  return values;
};
