/**
 * The fixed answers an HTTP API gives on its own behalf, and the quotas and texts behind them.
 * Bodies are AWS's exact bytes: HTTP APIs say `Internal Server Error` (capital S) where REST APIs
 * say `Internal server error`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html
 */
export interface GatewayResponse {
  readonly statusCode: number;
  readonly message: string;
  /** `$context.error.responseType`. */
  readonly responseType: string;
}

export const GATEWAY_RESPONSES = {
  notFound: { statusCode: 404, message: 'Not Found', responseType: 'RESOURCE_NOT_FOUND' },
  tooLarge: { statusCode: 413, message: 'Request Entity Too Large', responseType: 'REQUEST_TOO_LARGE' },
  throttled: { statusCode: 429, message: 'Too Many Requests', responseType: 'THROTTLED' },
  /** Lambda refused the invocation (permission, throttling, missing function): 500. */
  invokeRejected: { statusCode: 500, message: 'Internal Server Error', responseType: 'INTEGRATION_FAILURE' },
  /** A route without an integration target. */
  noIntegration: { statusCode: 500, message: 'Internal Server Error', responseType: 'DEFAULT_5XX' },
  /** The function raised, or its response was malformed: 502. */
  integrationFailure: {
    statusCode: 502,
    message: 'Internal Server Error',
    responseType: 'INTEGRATION_FAILURE',
  },
  timeout: { statusCode: 503, message: 'Service Unavailable', responseType: 'INTEGRATION_TIMEOUT' },
} as const satisfies Record<string, GatewayResponse>;

export const gatewayResponseBody = (response: GatewayResponse): string =>
  JSON.stringify({ message: response.message });

/** HTTP API payload quota (not adjustable). https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** The longest an integration may run, whatever its TimeoutInMillis says. */
export const MAX_INTEGRATION_TIMEOUT_MS = 30_000;

/** `integrationErrorMessage` AWS logs when Lambda denies API Gateway's invocation. */
export const PERMISSION_ERROR_MESSAGE =
  "The IAM role configured on the integration or API Gateway doesn't have permissions to call the integration. Check the permissions and try again.";

/** The preflight answer's status. */
export const PREFLIGHT_STATUS = 204;
