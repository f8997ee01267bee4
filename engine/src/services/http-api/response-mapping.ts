/**
 * Turns a function's result into the HTTP response, payload format 2.0 rules: an object with
 * `statusCode` is used as given (`headers`, `cookies` -> one `set-cookie` each, `body`,
 * `isBase64Encoded`); any other valid JSON is an inferred `200 application/json` whose body is the
 * value (a string as-is, anything else serialised). Anything else is malformed (the gateway answers 502).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response
 */
export type MappedResponse =
  | {
      readonly kind: 'response';
      readonly statusCode: number;
      readonly headers: ReadonlyArray<readonly [string, string]>;
      readonly body: Buffer;
    }
  | { readonly kind: 'malformed'; readonly reason: string };

/** Used when an explicit `statusCode` response sets no content type (see AWS-FACTS.md). */
export const DEFAULT_CONTENT_TYPE = 'text/plain; charset=utf-8';

export const mapResponse = (payload: string): MappedResponse => {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return malformed('the function response is not valid JSON');
  }
  if (isRecord(value) && 'statusCode' in value) return mapStructured(value);
  const body = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    kind: 'response',
    statusCode: 200,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(body, 'utf8'),
  };
};

const mapStructured = (value: Record<string, unknown>): MappedResponse => {
  const status = value.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return malformed('statusCode must be an integer HTTP status');
  }
  const headers: Array<[string, string]> = [];
  if (value.headers !== undefined && value.headers !== null) {
    if (!isRecord(value.headers)) return malformed('headers must be an object');
    for (const [name, header] of Object.entries(value.headers)) {
      if (!isScalar(header)) return malformed(`header ${name} must be a string, number or boolean`);
      headers.push([name.toLowerCase(), String(header)]);
    }
  }
  if (value.cookies !== undefined && value.cookies !== null) {
    if (!Array.isArray(value.cookies) || !value.cookies.every((c) => typeof c === 'string')) {
      return malformed('cookies must be an array of strings');
    }
    for (const cookie of value.cookies as string[]) headers.push(['set-cookie', cookie]);
  }
  const base64 = value.isBase64Encoded;
  if (base64 !== undefined && typeof base64 !== 'boolean')
    return malformed('isBase64Encoded must be a boolean');
  let body = Buffer.alloc(0);
  if (value.body !== undefined && value.body !== null) {
    if (typeof value.body !== 'string') return malformed('body must be a string');
    body = Buffer.from(value.body, base64 ? 'base64' : 'utf8');
  }
  if (!headers.some(([name]) => name === 'content-type'))
    headers.push(['content-type', DEFAULT_CONTENT_TYPE]);
  return { kind: 'response', statusCode: status, headers, body };
};

const malformed = (reason: string): MappedResponse => ({ kind: 'malformed', reason });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
