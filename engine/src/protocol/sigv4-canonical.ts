/**
 * The SigV4 canonical request, rebuilt from what arrived on the wire.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
 */
import { createHash } from 'node:crypto';

/** The parts of an HTTP request that a signature covers. */
export interface SignedRequestParts {
  readonly method: string;
  /** The raw request target as received (`/path?query`), still percent-encoded. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body, or undefined when it was not buffered (then `x-amz-content-sha256` must be present). */
  readonly body: Buffer | undefined;
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters. */
export const escapeUri = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/**
 * S3 signs the path as sent; every other service signs it normalized and encoded once more,
 * which is what the SDKs (`uriEscapePath`) and botocore do.
 */
export function canonicalPath(rawPath: string, service: string): string {
  if (service === 's3') return rawPath || '/';
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const leading = rawPath.startsWith('/') ? '/' : '';
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return escapeUri(`${leading}${segments.join('/')}${trailing}`).replace(/%2F/g, '/') || '/';
}

export function canonicalQuery(rawQuery: string, presigned: boolean): string {
  const pairs: string[] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    if (presigned && key === 'X-Amz-Signature') continue;
    pairs.push(`${escapeUri(key)}=${escapeUri(value)}`);
  }
  return pairs.sort().join('&');
}

const headerValue = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? value.join(',') : (value ?? ''))
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();

function payloadHash(parts: SignedRequestParts, service: string, presigned: boolean): string {
  const declared = parts.headers['x-amz-content-sha256'];
  if (typeof declared === 'string' && declared !== '') return declared;
  // Presigned S3 URLs never cover the payload.
  if (presigned && (service === 's3' || parts.body === undefined)) return 'UNSIGNED-PAYLOAD';
  return createHash('sha256')
    .update(parts.body ?? Buffer.alloc(0))
    .digest('hex');
}

export function canonicalRequest(
  parts: SignedRequestParts,
  signedHeaders: readonly string[],
  service: string,
  presigned: boolean,
): string {
  const q = parts.url.indexOf('?');
  const rawPath = q < 0 ? parts.url : parts.url.slice(0, q);
  const rawQuery = q < 0 ? '' : parts.url.slice(q + 1);
  const sorted = [...signedHeaders].map((h) => h.toLowerCase()).sort();
  return [
    parts.method.toUpperCase(),
    canonicalPath(rawPath, service),
    canonicalQuery(rawQuery, presigned),
    `${sorted.map((h) => `${h}:${headerValue(parts.headers[h])}`).join('\n')}\n`,
    sorted.join(';'),
    payloadHash(parts, service, presigned),
  ].join('\n');
}
