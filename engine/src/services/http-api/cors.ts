import type { CorsConfiguration } from './model.ts';

/**
 * CORS as an HTTP API applies it from the API's CorsConfiguration: the gateway answers preflights
 * itself and, on every other response to a request with an `Origin`, replaces any CORS headers the
 * integration returned with the configured ones.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 */
export type HeaderList = ReadonlyArray<readonly [string, string]>;

/** True for an `OPTIONS` request carrying `Origin` and `Access-Control-Request-Method`. */
export const isPreflight = (method: string, headers: Readonly<Record<string, string | undefined>>): boolean =>
  method.toUpperCase() === 'OPTIONS' &&
  headers.origin !== undefined &&
  headers['access-control-request-method'] !== undefined;

/** `*`, an exact origin, or a pattern with `*` wildcards such as `https://*`. Case-insensitive. */
export const originAllowed = (config: CorsConfiguration, origin: string): boolean =>
  (config.AllowOrigins ?? []).some((allowed) => wildcardMatch(allowed.toLowerCase(), origin.toLowerCase()));

const wildcardMatch = (pattern: string, value: string): boolean => {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === value;
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`);
  return regex.test(value);
};

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const listAllows = (list: readonly string[] | undefined, value: string): boolean =>
  (list ?? []).some((item) => item === '*' || item.toLowerCase() === value.toLowerCase());

/**
 * The headers of the gateway's preflight answer (status 204). A disallowed origin, method or
 * requested header gets no CORS headers at all, so the browser blocks the real request.
 */
export const preflightHeaders = (
  config: CorsConfiguration,
  origin: string,
  requestMethod: string,
  requestHeaders: string | undefined,
): HeaderList => {
  if (!originAllowed(config, origin)) return [];
  if (!listAllows(config.AllowMethods, requestMethod)) return [];
  const requested = (requestHeaders ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  if (!requested.every((h) => listAllows(config.AllowHeaders, h))) return [];
  const headers: Array<[string, string]> = [
    ['access-control-allow-origin', allowOriginValue(config, origin)],
  ];
  if (config.AllowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  headers.push(['access-control-allow-methods', (config.AllowMethods ?? []).join(',')]);
  if (requested.length > 0)
    headers.push(['access-control-allow-headers', (config.AllowHeaders ?? []).join(',')]);
  if (config.MaxAge !== undefined && config.MaxAge >= 0) {
    headers.push(['access-control-max-age', String(config.MaxAge)]);
  }
  return headers;
};

/** CORS headers for a non-preflight response to a request whose `Origin` is `origin`. */
export const actualResponseHeaders = (config: CorsConfiguration, origin: string): HeaderList => {
  if (!originAllowed(config, origin)) return [];
  const headers: Array<[string, string]> = [
    ['access-control-allow-origin', allowOriginValue(config, origin)],
  ];
  if (config.AllowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  if (config.ExposeHeaders && config.ExposeHeaders.length > 0) {
    headers.push(['access-control-expose-headers', config.ExposeHeaders.join(',')]);
  }
  return headers;
};

/** `*` when every origin is allowed and credentials are off; otherwise the request's origin, echoed. */
const allowOriginValue = (config: CorsConfiguration, origin: string): string =>
  (config.AllowOrigins ?? []).includes('*') && !config.AllowCredentials ? '*' : origin;

/** Drops the integration's own `access-control-*` headers: with a CorsConfiguration the gateway's win. */
export const withoutCorsHeaders = (headers: HeaderList): HeaderList =>
  headers.filter(([name]) => !name.toLowerCase().startsWith('access-control-'));
