/**
 * What the AWS endpoint checks after the HTTP version and Host every listener checks
 * (net/foreign-host.ts): a local Origin, with CORS answers (preflights included) for local
 * origins, so a web app on http://localhost:3000 can use an AWS SDK or a presigned URL against the
 * local cloud. https://fetch.spec.whatwg.org/#http-cors-protocol
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseRequest } from '../net/foreign-host.ts';
import type { HostPolicy } from '../net/host-allowlist.ts';
import type { ServiceCors } from '../protocol/service-entry.ts';

/** Response headers a browser must be allowed to read for the SDKs to work. */
const EXPOSED = [
  'etag',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amz-version-id',
  'x-amz-delete-marker',
  'x-amzn-requestid',
  'x-amzn-errortype',
  'x-amz-crc32',
  'x-amz-function-error',
  'x-amz-log-result',
  'x-amz-executed-version',
  'content-length',
  'content-type',
  'date',
  'last-modified',
].join(', ');

/**
 * The Origin rule and CORS of the AWS endpoint. A foreign Origin/Referer gets 403; a local
 * origin's preflight is answered 200 here; a local origin's request gets its CORS headers set on
 * the response before the service writes it. A request a service claims (`own`: S3 for a bucket)
 * gets that service's CORS answer instead, once its Origin passed. True when the request was answered.
 */
export function applyOriginRule(
  req: IncomingMessage,
  res: ServerResponse,
  policy: HostPolicy,
  own?: ServiceCors,
): boolean {
  const verdict = policy.checkOrigin(req.headers);
  if (!verdict.ok) {
    req.resume();
    refuseRequest(res, 403, verdict.message);
    return true;
  }
  const origin = verdict.origin;
  if (own) {
    if (req.method !== 'OPTIONS') {
      if (origin !== undefined) own.decorate(req, res);
      return false;
    }
    req.resume();
    own.preflight(req, res);
    return true;
  }
  if (origin === undefined) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
  res.setHeader('access-control-expose-headers', EXPOSED);
  const requestedMethod = req.headers['access-control-request-method'];
  if (req.method !== 'OPTIONS' || requestedMethod === undefined) return false;
  req.resume();
  const requestedHeaders = req.headers['access-control-request-headers'];
  res.writeHead(200, {
    'access-control-allow-methods': 'GET, HEAD, PUT, POST, DELETE, PATCH',
    ...(typeof requestedHeaders === 'string' ? { 'access-control-allow-headers': requestedHeaders } : {}),
    'access-control-max-age': '600',
    'content-length': '0',
  });
  res.end();
  return true;
}
