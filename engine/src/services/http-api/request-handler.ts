import type { AccountContext } from '../../runtime/account.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { MetricSink } from '../cloudwatch/metric-sink.ts';
import type { LogSink } from '../logs/sink.ts';
import { actualResponseHeaders, isPreflight, preflightHeaders, withoutCorsHeaders } from './cors.ts';
import { buildEvent, type GatewayRequest, joinHeaders } from './event-builder.ts';
import { traceRandom, withForwardedHeaders } from './forwarded-headers.ts';
import {
  GATEWAY_RESPONSES,
  type GatewayResponse,
  gatewayResponseBody,
  PREFLIGHT_STATUS,
} from './gateway-responses.ts';
import { requestId as newRequestId } from './ids.ts';
import { executeApiArn, invokeIntegration, type LambdaInvoker } from './invoke-integration.ts';
import type { ApiState } from './model.ts';
import { type RequestTrace, recordRequest } from './request-record.ts';
import { mapResponse } from './response-mapping.ts';
import { matchRoute, selectStage } from './route-matching.ts';
import { ACCOUNT_BUCKET, ACCOUNT_LIMITS, effectiveLimits, type TokenBuckets } from './throttle.ts';

/**
 * One request through an HTTP API, in AWS's order: payload limit, stage, CORS preflight, route,
 * throttle, Lambda integration, response mapping, CORS headers; then the access-log line and
 * metrics. Node I/O stays in listener.ts; this function only sees a parsed request.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api.html
 */
export interface GatewayDeps {
  readonly clock: Clock;
  readonly account: AccountContext;
  readonly lambda: LambdaInvoker;
  readonly logs: LogSink;
  readonly metrics: MetricSink;
  readonly buckets: TokenBuckets;
  /** True while the engine refuses writes (disk under its floor): answered as a throttle, not logged. */
  readonly refuseWrites?: () => boolean;
}

export interface IncomingRequest extends GatewayRequest {
  /** The body passed the 10 MB payload quota, so `body` is incomplete. */
  readonly tooLarge: boolean;
  /** The listener's port and scheme, for `x-forwarded-port`/`-proto` (AWS's 443/https when absent). */
  readonly localPort?: number;
  readonly scheme?: 'http' | 'https';
}

export interface GatewayReply {
  readonly statusCode: number;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
}

type Reply = { statusCode: number; headers: Array<readonly [string, string]>; body: Buffer };

export const handleRequest = async (
  deps: GatewayDeps,
  state: ApiState,
  request: IncomingRequest,
): Promise<GatewayReply> => {
  const startedAt = deps.clock.now();
  const headers = joinHeaders(request.headers);
  const trace: RequestTrace = {
    api: state.api,
    requestId: newRequestId(),
    accountId: deps.account.accountId,
    domainName: `${state.api.ApiId}.execute-api.${deps.account.region}.amazonaws.com`,
    startedAt,
    method: request.method.toUpperCase(),
    path: request.rawPath,
    sourceIp: request.sourceIp,
    protocol: request.protocol,
    userAgent: headers['user-agent'],
    requestBytes: request.body.length,
  };
  const reply = await route(deps, state, request, headers, trace);
  const origin = headers.origin;
  const cors = state.api.CorsConfiguration;
  // With a CorsConfiguration the gateway ignores the integration's own CORS headers, whether or
  // not the request has an Origin (AWS's HTTP API CORS page; AWS-FACTS.md).
  if (cors && !trace.preflight) {
    reply.headers = [
      ...withoutCorsHeaders(reply.headers),
      ...(origin === undefined ? [] : actualResponseHeaders(cors, origin)),
    ];
  }
  const final = withGatewayHeaders(reply, trace.requestId, deps.clock.now());
  // A request refused for want of disk space writes nothing, not even its access-log line.
  if (!trace.diskRefused) recordRequest(deps, trace, final, deps.clock.now());
  return final;
};

const route = async (
  deps: GatewayDeps,
  state: ApiState,
  request: IncomingRequest,
  headers: Readonly<Record<string, string>>,
  trace: RequestTrace,
): Promise<Reply> => {
  const stageMatch = selectStage(request.rawPath, Object.keys(state.stages));
  const stage = stageMatch ? state.stages[stageMatch.stageName] : undefined;
  if (stage) trace.stage = stage;
  if (request.tooLarge) return gatewayError(GATEWAY_RESPONSES.tooLarge, trace);
  if (!stageMatch || !stage) return gatewayError(GATEWAY_RESPONSES.notFound, trace);

  const cors = state.api.CorsConfiguration;
  if (cors && isPreflight(request.method, headers)) {
    trace.preflight = true;
    const corsHeaders = preflightHeaders(
      cors,
      headers.origin ?? '',
      headers['access-control-request-method'] ?? '',
      headers['access-control-request-headers'],
    );
    return { statusCode: PREFLIGHT_STATUS, headers: [...corsHeaders], body: Buffer.alloc(0) };
  }

  const candidates = Object.values(state.routes).map((r) => ({ routeId: r.RouteId, routeKey: r.RouteKey }));
  const match = matchRoute(candidates, request.method, stageMatch.routePath);
  if (!match) return gatewayError(GATEWAY_RESPONSES.notFound, trace);
  trace.routeKey = match.routeKey;
  trace.routePath = match.routePath;

  const limits = effectiveLimits(stage.DefaultRouteSettings, stage.RouteSettings[match.routeKey]);
  const bucketKey = `${state.api.ApiId}/${stage.StageName}/${match.routeKey}`;
  if (limits && !deps.buckets.take(bucketKey, deps.clock.now(), limits)) {
    return gatewayError(GATEWAY_RESPONSES.throttled, trace);
  }
  // The Region's account-level quota is shared by every API of the service.
  if (!deps.buckets.take(ACCOUNT_BUCKET, deps.clock.now(), ACCOUNT_LIMITS)) {
    return gatewayError(GATEWAY_RESPONSES.throttled, trace);
  }

  if (deps.refuseWrites?.()) {
    trace.diskRefused = true;
    return gatewayError(GATEWAY_RESPONSES.throttled, trace);
  }

  const route = state.routes[match.routeId];
  const integrationId = route?.Target?.replace(/^integrations\//, '');
  const integration = integrationId ? state.integrations[integrationId] : undefined;
  if (!integration) return gatewayError(GATEWAY_RESPONSES.noIntegration, trace);

  const event = buildEvent(request, {
    accountId: deps.account.accountId,
    apiId: state.api.ApiId,
    domainName: trace.domainName,
    domainPrefix: state.api.ApiId,
    stage: stage.StageName,
    routeKey: match.routeKey,
    requestId: trace.requestId,
    timeEpoch: trace.startedAt,
    ...(match.pathParameters ? { pathParameters: match.pathParameters } : {}),
    stageVariables: stage.StageVariables,
  });
  event.headers = withForwardedHeaders(event.headers, {
    bodyLength: request.body.length,
    sourceIp: request.sourceIp,
    localPort: request.localPort ?? 443,
    scheme: request.scheme ?? 'https',
    timeEpoch: trace.startedAt,
    traceRandom: traceRandom(),
  });
  const invokedAt = deps.clock.now();
  const outcome = await invokeIntegration(deps.lambda, deps.clock, {
    functionArn: integration.FunctionArn,
    payload: JSON.stringify(event),
    sourceArn: executeApiArn(deps.account, state.api.ApiId, stage.StageName, trace.method, match.routePath),
    timeoutInMillis: integration.TimeoutInMillis,
  });
  trace.integrationLatency = deps.clock.now() - invokedAt;

  if (outcome.kind === 'timeout') {
    trace.integrationError = 'Integration timed out';
    return gatewayError(GATEWAY_RESPONSES.timeout, trace);
  }
  if (outcome.kind === 'rejected') {
    trace.integrationError = outcome.errorMessage;
    return gatewayError(GATEWAY_RESPONSES.invokeRejected, trace);
  }
  trace.integrationStatus = outcome.result.statusCode;
  trace.integrationRequestId = outcome.result.requestId;
  if (outcome.result.functionError) {
    trace.integrationError = `The Lambda function returned an error: ${outcome.result.payload}`;
    return gatewayError(GATEWAY_RESPONSES.integrationFailure, trace);
  }
  const mapped = mapResponse(outcome.result.payload);
  if (mapped.kind === 'malformed') {
    trace.integrationError = `The response from the Lambda function doesn't match the format that API Gateway expects: ${mapped.reason}`;
    return gatewayError(GATEWAY_RESPONSES.integrationFailure, trace);
  }
  trace.functionStatus = mapped.statusCode;
  const responseHeaders = mapped.headers.filter(([name]) => !HOP_BY_HOP.has(name));
  return { statusCode: mapped.statusCode, headers: responseHeaders, body: mapped.body };
};

/** Headers the gateway owns on the client connection; a function cannot set them. */
const HOP_BY_HOP = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

const gatewayError = (response: GatewayResponse, trace: RequestTrace): Reply => {
  trace.gatewayError = response;
  return {
    statusCode: response.statusCode,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(gatewayResponseBody(response), 'utf8'),
  };
};

const withGatewayHeaders = (reply: Reply, requestId: string, now: number): GatewayReply => {
  const headers: Array<readonly [string, string]> = [
    ['date', new Date(now).toUTCString()],
    ...reply.headers,
    ['apigw-requestid', requestId],
  ];
  // 204 and 304 carry no body and no length.
  if (reply.statusCode !== 204 && reply.statusCode !== 304) {
    headers.push(['content-length', String(reply.body.length)]);
  }
  return {
    statusCode: reply.statusCode,
    headers,
    body: reply.statusCode === 204 ? Buffer.alloc(0) : reply.body,
  };
};
