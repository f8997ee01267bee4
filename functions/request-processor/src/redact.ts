/**
 * Credential redaction for stored headers and cookies: the table is an audit of what arrived, not
 * a credential store. Names are matched case-insensitively (payload 2.0 already lower-cases them).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */

/** The value stored in place of a secret. */
export const REDACTED = '[REDACTED]';

const SECRET_HEADERS = new Set([
  'authorization',
  'cookie',
  'proxy-authorization',
  'x-api-key',
  'x-amz-security-token',
]);

const SECRET_FRAGMENTS = ['token', 'secret', 'password', 'api-key', 'session', 'signature'];

/** True when a header's value must not be stored. */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_HEADERS.has(lower) || SECRET_FRAGMENTS.some((fragment) => lower.includes(fragment));
}

/** A copy of `headers` with secret values replaced by {@link REDACTED}; absent values are dropped. */
export function redactHeaders(headers: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = isSecretHeader(name) ? REDACTED : value;
  }
  return out;
}

/** Keeps each cookie's name (useful for debugging) and drops its value: `sid=abc` -> `sid=[REDACTED]`. */
export function redactCookies(cookies: readonly string[]): string[] {
  return cookies.map((cookie) => {
    const eq = cookie.indexOf('=');
    const name = (eq < 0 ? cookie : cookie.slice(0, eq)).trim();
    return `${name}=${REDACTED}`;
  });
}
