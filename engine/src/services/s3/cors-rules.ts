import { s3Errors } from './errors.ts';

/**
 * A bucket's CORS rules as S3 stores and evaluates them: what PutBucketCors accepts, which rule a
 * cross-origin request matches (the first one whose origin, method and requested headers all
 * match), and the Access-Control-* headers that rule gives the answer. Sources in AWS-FACTS.md.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketCors.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html
 */
export interface CorsRule {
  readonly id?: string;
  readonly allowedOrigins: readonly string[];
  /** GET, PUT, HEAD, POST or DELETE. */
  readonly allowedMethods: readonly string[];
  readonly allowedHeaders?: readonly string[];
  readonly exposeHeaders?: readonly string[];
  readonly maxAgeSeconds?: number;
}

export const CORS_METHODS: readonly string[] = ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'];
export const MAX_CORS_RULES = 100;
const MAX_AGE_LIMIT = 2_147_483_647;

const wildcards = (value: string): number => value.split('*').length - 1;

/** The checks PutBucketCors makes on rules (the XML shape is checked by the wire parser). */
export function checkCorsRules(rules: readonly CorsRule[]): void {
  if (rules.length === 0 || rules.length > MAX_CORS_RULES)
    throw s3Errors.malformedXml(`a CORS configuration has 1 to ${MAX_CORS_RULES} CORSRule elements`);
  for (const rule of rules) {
    if (rule.allowedOrigins.length === 0 || rule.allowedMethods.length === 0)
      throw s3Errors.malformedXml('each CORSRule needs at least one AllowedOrigin and one AllowedMethod');
    if (rule.id !== undefined && rule.id.length > 255)
      throw s3Errors.malformedXml('a CORSRule ID has at most 255 characters');
    const age = rule.maxAgeSeconds;
    if (age !== undefined && (!Number.isInteger(age) || age < 0 || age > MAX_AGE_LIMIT))
      throw s3Errors.malformedXml('MaxAgeSeconds must be a whole number of seconds');
  }
  for (const rule of rules) {
    const method = rule.allowedMethods.find((m) => !CORS_METHODS.includes(m));
    if (method !== undefined)
      throw s3Errors.invalidRequest(
        `Found unsupported HTTP method in CORS config. Unsupported method is ${method}`,
      );
    const origin = rule.allowedOrigins.find((o) => wildcards(o) > 1);
    if (origin !== undefined)
      throw s3Errors.invalidRequest(`AllowedOrigin "${origin}" can not have more than one wildcard.`);
    const header = (rule.allowedHeaders ?? []).find((h) => wildcards(h) > 1);
    if (header !== undefined)
      throw s3Errors.invalidRequest(`AllowedHeader "${header}" can not have more than one wildcard.`);
    const exposed = (rule.exposeHeaders ?? []).find((h) => h.includes('*'));
    if (exposed !== undefined)
      throw s3Errors.invalidRequest(
        `ExposeHeader "${exposed}" contains wildcard. We currently do not support wildcard for ExposeHeader.`,
      );
  }
}

/** `pattern` with at most one `*` (any run of characters, empty included) against `value`. */
function wildcardMatch(pattern: string, value: string): boolean {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === value;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  return value.length >= prefix.length + suffix.length && value.startsWith(prefix) && value.endsWith(suffix);
}

/** The request as CORS evaluation sees it. */
export interface CorsRequest {
  readonly origin: string;
  /** `Access-Control-Request-Method` on a preflight, else the request's own method. */
  readonly method: string;
  /** `Access-Control-Request-Headers`, as sent (comma-separated); absent when not sent. */
  readonly requestHeaders?: string;
}

/** The requested header names, trimmed and lower-cased, empty entries dropped. */
export const requestedHeaderNames = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');

function ruleMatches(rule: CorsRule, request: CorsRequest): boolean {
  if (!rule.allowedMethods.includes(request.method)) return false;
  // Origins compare case-sensitively, as S3 compares them.
  if (!rule.allowedOrigins.some((allowed) => allowed === '*' || wildcardMatch(allowed, request.origin)))
    return false;
  const requested = requestedHeaderNames(request.requestHeaders);
  if (requested.length === 0) return true;
  // Header names compare case-insensitively.
  const allowed = (rule.allowedHeaders ?? []).map((h) => h.toLowerCase());
  return requested.every((name) => allowed.some((pattern) => wildcardMatch(pattern, name)));
}

/** The first rule the request matches, or undefined. */
export const matchCorsRule = (rules: readonly CorsRule[], request: CorsRequest): CorsRule | undefined =>
  rules.find((rule) => ruleMatches(rule, request));

/** The Access-Control-* (and Vary) headers a matching rule puts on the answer. */
export function corsAnswerHeaders(rule: CorsRule, request: CorsRequest): Record<string, string> {
  const anyOrigin = rule.allowedOrigins.includes('*');
  const requested = requestedHeaderNames(request.requestHeaders);
  return {
    'access-control-allow-origin': anyOrigin ? '*' : request.origin,
    ...(anyOrigin ? {} : { 'access-control-allow-credentials': 'true' }),
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    'access-control-allow-methods': rule.allowedMethods.join(', '),
    ...(requested.length > 0 ? { 'access-control-allow-headers': requested.join(', ') } : {}),
    ...(rule.exposeHeaders && rule.exposeHeaders.length > 0
      ? { 'access-control-expose-headers': rule.exposeHeaders.join(', ') }
      : {}),
    ...(rule.maxAgeSeconds !== undefined ? { 'access-control-max-age': String(rule.maxAgeSeconds) } : {}),
  };
}
