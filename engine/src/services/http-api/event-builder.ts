/**
 * Builds the Lambda proxy event (payload format 2.0) from an HTTP request. Pure: every value that
 * varies (ids, time, addresses) comes in through the arguments.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export interface GatewayRequest {
  readonly method: string;
  /** The request path percent-decoded as HTTP APIs deliver it (request-target.ts), including a named stage's prefix. */
  readonly rawPath: string;
  /** Without the `?`; empty when there is none. */
  readonly rawQueryString: string;
  /** Header name/value pairs in arrival order, as Node's `rawHeaders` gives them. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Uint8Array;
  readonly sourceIp: string;
  readonly protocol: string;
}

export interface EventContext {
  readonly accountId: string;
  readonly apiId: string;
  readonly domainName: string;
  readonly domainPrefix: string;
  readonly stage: string;
  readonly routeKey: string;
  readonly requestId: string;
  readonly timeEpoch: number;
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly stageVariables?: Readonly<Record<string, string>>;
}

export interface HttpApiEventV2 {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: {
    accountId: string;
    apiId: string;
    domainName: string;
    domainPrefix: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
  };
  body?: string;
  isBase64Encoded: boolean;
  pathParameters?: Record<string, string>;
  stageVariables?: Record<string, string>;
}

export const buildEvent = (request: GatewayRequest, context: EventContext): HttpApiEventV2 => {
  const headers = joinHeaders(request.headers);
  const cookies = headerValues(request.headers, 'cookie').flatMap(splitCookies);
  const query = parseQueryString(request.rawQueryString);
  const event: HttpApiEventV2 = {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName: context.domainName,
      domainPrefix: context.domainPrefix,
      http: {
        method: request.method.toUpperCase(),
        path: request.rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: context.routeKey,
      stage: context.stage,
      time: formatClfTime(context.timeEpoch),
      timeEpoch: context.timeEpoch,
    },
    isBase64Encoded: false,
  };
  if (request.body.length > 0) {
    const text = isTextContentType(headers['content-type']);
    event.body = Buffer.from(request.body).toString(text ? 'utf8' : 'base64');
    event.isBase64Encoded = !text;
  }
  if (context.pathParameters && Object.keys(context.pathParameters).length > 0) {
    event.pathParameters = { ...context.pathParameters };
  }
  if (context.stageVariables && Object.keys(context.stageVariables).length > 0) {
    event.stageVariables = { ...context.stageVariables };
  }
  return event;
};

/**
 * Lower-cases names and joins repeated headers with commas. The `cookie` header moves to the
 * `cookies` field instead (format 2.0 lists cookies there, not in `headers`).
 */
export const joinHeaders = (pairs: ReadonlyArray<readonly [string, string]>): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    if (name === 'cookie') continue;
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return headers;
};

const headerValues = (pairs: ReadonlyArray<readonly [string, string]>, name: string): string[] =>
  pairs.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);

const splitCookies = (header: string): string[] =>
  header
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '');

/** Decoded parameters with repeated keys comma-joined; undefined when there is no query string. */
export const parseQueryString = (raw: string): Record<string, string> | undefined => {
  if (raw === '') return undefined;
  const params: Record<string, string> = {};
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeQueryComponent(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decodeQueryComponent(part.slice(eq + 1));
    params[key] = params[key] === undefined ? value : `${params[key]},${value}`;
  }
  return Object.keys(params).length > 0 ? params : undefined;
};

const decodeQueryComponent = (text: string): string => {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
};

/**
 * Whether HTTP APIs pass a request body as text: `text/*`, `application/json`, `application/xml`
 * and `application/javascript` are text; anything else, including a missing content type and
 * `application/x-www-form-urlencoded`, arrives base64-encoded (see AWS-FACTS.md).
 */
export const isTextContentType = (contentType: string | undefined): boolean => {
  if (contentType === undefined) return false;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return (
    mediaType.startsWith('text/') ||
    mediaType === 'application/json' ||
    mediaType === 'application/xml' ||
    mediaType === 'application/javascript'
  );
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** Common Log Format time in UTC, as `requestContext.time` and `$context.requestTime` use: `12/Mar/2020:19:03:58 +0000`. */
export const formatClfTime = (epochMs: number): string => {
  const d = new Date(epochMs);
  return (
    `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
  );
};
