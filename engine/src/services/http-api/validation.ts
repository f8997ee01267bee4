import { formatHasRequestId, logGroupNameFromArn } from './access-log.ts';
import { httpApiErrors } from './errors.ts';
import { MAX_INTEGRATION_TIMEOUT_MS } from './gateway-responses.ts';
import type { AccessLogSettings, CorsConfiguration, RouteSettings } from './model.ts';
import { parseRouteKey } from './route-key.ts';

/**
 * Input rules of the control-plane operations, each failure a BadRequestException naming the field.
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html
 */
export const requireName = (name: unknown): string => {
  if (typeof name !== 'string' || name.length === 0 || name.length > 128) {
    throw httpApiErrors.badRequest('Name is required and must be 1 to 128 characters');
  }
  return name;
};

export const validateCors = (cors: CorsConfiguration): CorsConfiguration => {
  for (const field of ['AllowOrigins', 'AllowMethods', 'AllowHeaders', 'ExposeHeaders'] as const) {
    const list = cors[field];
    if (list !== undefined && (!Array.isArray(list) || !list.every((v) => typeof v === 'string'))) {
      throw httpApiErrors.badRequest(`CorsConfiguration.${field} must be a list of strings`);
    }
  }
  if (cors.AllowCredentials && (cors.AllowOrigins ?? []).includes('*')) {
    // AWS's own wording for this rejection.
    throw httpApiErrors.badRequest(
      "CorsConfiguration.AllowCredentials: allow-credentials is not supported if 'allow-origin' is *",
    );
  }
  if (
    cors.MaxAge !== undefined &&
    (!Number.isInteger(cors.MaxAge) || cors.MaxAge < -1 || cors.MaxAge > 86_400)
  ) {
    throw httpApiErrors.badRequest('CorsConfiguration.MaxAge must be an integer from -1 to 86400');
  }
  return cors;
};

export const validateRouteKey = (routeKey: unknown): string => {
  if (typeof routeKey !== 'string') throw httpApiErrors.badRequest('RouteKey is required');
  const parsed = parseRouteKey(routeKey);
  if ('error' in parsed) throw httpApiErrors.badRequest(parsed.error);
  return routeKey;
};

const LAMBDA_ARN = /^arn:[a-z-]+:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(?::[A-Za-z0-9$_-]+)?$/;
const APIGATEWAY_LAMBDA_PATH =
  /^arn:[a-z-]+:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/** The function ARN of an AWS_PROXY integration URI (plain function ARN or the apigateway invocations path). */
export const functionArnFromUri = (uri: unknown): string => {
  if (typeof uri !== 'string')
    throw httpApiErrors.badRequest('IntegrationUri is required for AWS_PROXY integrations');
  const wrapped = APIGATEWAY_LAMBDA_PATH.exec(uri);
  const arn = wrapped ? (wrapped[1] as string) : uri;
  if (!LAMBDA_ARN.test(arn)) {
    throw httpApiErrors.badRequest(
      `IntegrationUri '${uri}' must be a Lambda function ARN or its apigateway invocations path`,
    );
  }
  return arn;
};

export const validateTimeout = (timeout: unknown): number => {
  if (timeout === undefined) return MAX_INTEGRATION_TIMEOUT_MS;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 50 || timeout > 30_000) {
    throw httpApiErrors.badRequest('TimeoutInMillis must be an integer from 50 to 30000 for HTTP APIs');
  }
  return timeout;
};

export const validatePayloadFormat = (version: unknown): '2.0' => {
  if (version === '2.0') return '2.0';
  if (version === '1.0') {
    throw httpApiErrors.badRequest('PayloadFormatVersion 1.0 is not emulated: use 2.0');
  }
  throw httpApiErrors.badRequest(
    'PayloadFormatVersion is required for AWS_PROXY integrations and must be 2.0',
  );
};

export const validateStageName = (name: unknown): string => {
  if (typeof name !== 'string' || (name !== '$default' && !/^[A-Za-z0-9_-]{1,128}$/.test(name))) {
    throw httpApiErrors.badRequest("StageName must be '$default' or 1 to 128 letters, digits, '-' or '_'");
  }
  return name;
};

export const validateRouteSettings = (settings: RouteSettings, field: string): RouteSettings => {
  const rate = settings.ThrottlingRateLimit;
  const burst = settings.ThrottlingBurstLimit;
  if (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0))) {
    throw httpApiErrors.badRequest(`${field}.ThrottlingRateLimit must be a number >= 0`);
  }
  if (burst !== undefined && (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 0)) {
    throw httpApiErrors.badRequest(`${field}.ThrottlingBurstLimit must be an integer >= 0`);
  }
  return settings;
};

export const validateAccessLogSettings = (settings: AccessLogSettings): AccessLogSettings => {
  if (typeof settings.DestinationArn !== 'string' || !logGroupNameFromArn(settings.DestinationArn)) {
    throw httpApiErrors.badRequest(
      'AccessLogSettings.DestinationArn must be a CloudWatch Logs log group ARN',
    );
  }
  if (typeof settings.Format !== 'string' || settings.Format.length === 0) {
    throw httpApiErrors.badRequest('AccessLogSettings.Format is required');
  }
  if (!formatHasRequestId(settings.Format)) {
    throw httpApiErrors.badRequest(
      'AccessLogSettings.Format must include $context.requestId or $context.extendedRequestId',
    );
  }
  return settings;
};

export const validateStringMap = (map: unknown, field: string): Record<string, string> => {
  if (map === undefined) return {};
  if (typeof map !== 'object' || map === null || Array.isArray(map))
    throw httpApiErrors.badRequest(`${field} must be a map`);
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string') throw httpApiErrors.badRequest(`${field}.${key} must be a string`);
  }
  return { ...(map as Record<string, string>) };
};
