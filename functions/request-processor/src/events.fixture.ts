/**
 * Builders for realistic events, shared by this function's tests and the end-to-end suites.
 * Shapes follow the AWS documentation examples (payload format 2.0; EventBridge scheduled event).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 * https://docs.aws.amazon.com/lambda/latest/dg/with-scheduled-events.html
 */
import type { APIGatewayProxyEventV2, ScheduledEvent } from 'aws-lambda';

export interface ApiEventOptions {
  readonly method?: string;
  /** Path without query, e.g. `/capture`. */
  readonly path?: string;
  /** Without `?`. */
  readonly query?: string;
  readonly headers?: Record<string, string>;
  readonly cookies?: string[];
  /** Text body, sent as is. */
  readonly body?: string;
  /** Raw bytes, sent base64-encoded with `isBase64Encoded: true` (as API Gateway does for binary). */
  readonly bytes?: Uint8Array;
  readonly requestId?: string;
  /** Request time, epoch milliseconds. */
  readonly timeEpoch?: number;
  readonly sourceIp?: string;
  readonly userAgent?: string;
}

/** A request id shaped like API Gateway's (`JKJaXmPLvHcESHA=`: 11 random bytes in base64). */
export function fakeApiRequestId(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(11))).toString('base64');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `requestContext.time` in API Gateway's CLF form: `12/Mar/2020:19:03:58 +0000`. */
export function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(
    d.getUTCMinutes(),
  )}:${two(d.getUTCSeconds())} +0000`;
}

/** An HTTP API payload format 2.0 event for the `$default` route and stage. */
export function apiEvent(options: ApiEventOptions = {}): APIGatewayProxyEventV2 {
  const method = options.method ?? 'GET';
  const path = options.path ?? '/';
  const query = options.query ?? '';
  const timeEpoch = options.timeEpoch ?? Date.UTC(2026, 10, 25, 20, 31, 7, 123);
  const userAgent = options.userAgent ?? 'curl/8.5.0';
  const sourceIp = options.sourceIp ?? '203.0.113.10';
  const headers: Record<string, string> = {
    accept: '*/*',
    'content-length': '0',
    host: 'abc123.execute-api.us-east-1.amazonaws.com',
    'user-agent': userAgent,
    'x-amzn-trace-id': 'Root=1-5e6a9d1e-0123456789abcdef01234567',
    'x-forwarded-for': sourceIp,
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...options.headers,
  };
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp, userAgent },
      requestId: options.requestId ?? fakeApiRequestId(),
      routeKey: '$default',
      stage: '$default',
      time: clfTime(timeEpoch),
      timeEpoch,
    },
    isBase64Encoded: false,
  };
  if (query !== '') {
    event.queryStringParameters = Object.fromEntries(new URLSearchParams(query));
  }
  if (options.cookies !== undefined) {
    event.cookies = options.cookies;
    headers.cookie = options.cookies.join('; ');
  }
  if (options.bytes !== undefined) {
    event.body = Buffer.from(options.bytes).toString('base64');
    event.isBase64Encoded = true;
    headers['content-length'] = String(options.bytes.length);
  } else if (options.body !== undefined) {
    event.body = options.body;
    headers['content-length'] = String(Buffer.byteLength(options.body));
  }
  return event;
}

export interface ScheduledEventOptions {
  readonly id?: string;
  /** ISO-8601 UTC with seconds, as EventBridge sends it (`2026-11-25T03:00:00Z`). */
  readonly time?: string;
  readonly ruleArn?: string;
}

/** An EventBridge scheduled-rule event as delivered to a Lambda target. */
export function scheduledEvent(options: ScheduledEventOptions = {}): ScheduledEvent<Record<string, never>> {
  return {
    version: '0',
    id: options.id ?? crypto.randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: options.time ?? '2026-11-25T03:00:00Z',
    region: 'us-east-1',
    resources: [options.ruleArn ?? 'arn:aws:events:us-east-1:123456789012:rule/tapstack-daily'],
    detail: {},
  };
}
