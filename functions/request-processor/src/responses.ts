/**
 * HTTP responses for payload format 2.0 and the mapping of failures to them. Bodies never carry
 * exception text, ARNs or stacks (those go to the log). No CORS headers: the HTTP API's
 * CorsConfiguration owns CORS and overrides anything the function returns.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Seconds a client should wait after a 503 before retrying. */
export const RETRY_AFTER_SECONDS = 1;

/** Error names the AWS SDK surfaces for throttling or a briefly unavailable service. */
const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'SlowDown',
  'TimeoutError',
]);

/** Node socket error codes meaning "could not reach the service right now". */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

export interface ErrorFacts {
  readonly name: string;
  readonly message: string;
  readonly code: string | undefined;
}

/** Reads name, message and Node's `code` from anything thrown, without trusting its type. */
export function errorFacts(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) {
    return { name: 'Error', message: String(error), code: undefined };
  }
  const fields = error as { name?: unknown; message?: unknown; code?: unknown };
  return {
    name: typeof fields.name === 'string' ? fields.name : 'Error',
    message: typeof fields.message === 'string' ? fields.message : String(error),
    code: typeof fields.code === 'string' ? fields.code : undefined,
  };
}

/** True when retrying later can succeed: throttling, a 5xx from the service, or a network failure. */
export function isTransient(error: unknown): boolean {
  const { name, code } = errorFacts(error);
  if (TRANSIENT_NAMES.has(name) || (code !== undefined && NETWORK_CODES.has(code))) return true;
  // Node >= 20 may wrap per-address connection failures (happy eyeballs) in an AggregateError.
  if (error instanceof AggregateError) return error.errors.some(isTransient);
  return false;
}

function json(statusCode: number, body: object, extra: Record<string, string> = {}) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...extra },
    body: JSON.stringify(body),
  } satisfies APIGatewayProxyStructuredResultV2;
}

/** 200: the request is stored (or was already stored by an earlier attempt). */
export function processedResponse(requestId: string, timestamp: string): APIGatewayProxyStructuredResultV2 {
  return json(200, { message: 'Request processed successfully', requestId, timestamp });
}

/** 400: the body claims JSON and does not parse; nothing is stored. */
export function invalidJsonResponse(requestId: string): APIGatewayProxyStructuredResultV2 {
  return json(400, { error: 'InvalidJson', message: 'Request body is not valid JSON', requestId });
}

/** 503 for transient failures (with `retry-after`), 500 for everything else. */
export function failureResponse(error: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  if (isTransient(error)) {
    return json(
      503,
      {
        error: 'ServiceUnavailable',
        message: 'Service temporarily unavailable, please try again',
        requestId,
      },
      { 'retry-after': String(RETRY_AFTER_SECONDS) },
    );
  }
  return json(500, { error: 'InternalError', message: 'Internal server error', requestId });
}
