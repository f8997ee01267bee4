import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAwsError } from '../../../runtime/aws-error.ts';
import { ownerCaller, type S3Caller } from '../policy.ts';
import type { S3Service } from '../service.ts';
import type { OperationHandler, S3HttpResponse } from './http-message.ts';
import { isAwsChunked, readRequestBody } from './request-body.ts';
import { parseTarget, type S3Target } from './request-target.ts';
import { type StagedBody, stageBody } from './stream-body.ts';
import { escapeXml } from './xml.ts';

/**
 * S3's REST-XML wire protocol over the typed operations, so `aws s3 …` and `@aws-sdk/client-s3`
 * (with `forcePathStyle: true`) work against the local endpoint.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/Welcome.html
 */
export type S3HttpHandler = (req: IncomingMessage, res: ServerResponse, caller?: S3Caller) => Promise<void>;

export interface S3HttpOptions {
  /**
   * Host suffixes that mark virtual-hosted-style requests (`bucket.s3.localhost:4566`).
   * Default `['.s3.localhost']`; path-style (`/bucket/key`) always works.
   */
  readonly virtualHostSuffixes?: readonly string[];
  /** Receives a failure of the engine itself behind a 500, for the engine's log (never the client). */
  readonly onInternalError?: (error: unknown, requestId: string) => void;
}

/** Which operation a request is (S3's operation table); throws the S3 error for one not emulated. */
export type ResolveOperation<Name extends string> = (
  method: string,
  target: S3Target,
  headers: Record<string, unknown>,
) => Name;

/**
 * Reads a request (staging a single PutObject's body on disk), runs the operation `resolve` names
 * from `operations`, and writes its answer or S3's XML error.
 */
export function serveRestXml<Name extends string>(
  service: S3Service,
  resolve: ResolveOperation<Name>,
  operations: Readonly<Record<Name, OperationHandler>>,
  options: S3HttpOptions = {},
): S3HttpHandler {
  const suffixes = options.virtualHostSuffixes ?? ['.s3.localhost'];
  const defaultCaller = ownerCaller(service.account.accountId);
  return async (req, res, caller = defaultCaller) => {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const method = (req.method ?? 'GET').toUpperCase();
    let target: S3Target | undefined;
    let response: S3HttpResponse;
    let staged: StagedBody | undefined;
    try {
      target = parseTarget(req.url ?? '/', req.headers.host, suffixes);
      const operation = resolve(method, target, req.headers);
      staged =
        operation === 'PutObject' && !isAwsChunked(req)
          ? await stageBody(req, service.stagingDir)
          : undefined;
      const body = staged ? Buffer.alloc(0) : await readRequestBody(req);
      response = operations[operation](service, {
        bucket: target.bucket ?? '',
        key: target.key ?? '',
        query: target.query,
        headers: req.headers,
        body,
        ...(staged ? { staged } : {}),
        caller,
      });
    } catch (error) {
      const tooLarge = isAwsError(error) && error.code === 'EntityTooLarge';
      // The rest of an oversized body is not read: the answer closes the connection instead.
      if (!req.readableEnded && !tooLarge) req.resume();
      if (!isAwsError(error)) options.onInternalError?.(error, requestId);
      response = errorResponse(error, requestId, target?.bucket, target?.key);
      if (tooLarge) response = { ...response, headers: { ...response.headers, connection: 'close' } };
    } finally {
      // Adopted by the store when the put succeeded (then this is a no-op); dropped when it failed.
      if (staged) rmSync(staged.path, { force: true });
    }
    send(res, method, requestId, response);
  };
}

function errorResponse(error: unknown, requestId: string, bucketName?: string, key?: string): S3HttpResponse {
  const known = isAwsError(error);
  const code = known ? error.code : 'InternalError';
  // S3's own wording; what failed goes to the engine's log with the request id, never to the client.
  const message = known ? error.message : 'We encountered an internal error. Please try again.';
  const status = known ? error.status : 500;
  const deleteMarker =
    typeof error === 'object' && error !== null && 'deleteMarker' in error && error.deleteMarker;
  const detail =
    (code === 'NoSuchKey' || code === 'NoSuchVersion') && key !== undefined
      ? `<Key>${escapeXml(key)}</Key>`
      : code.startsWith('NoSuchBucket') || code.startsWith('Bucket')
        ? `<BucketName>${escapeXml(bucketName ?? '')}</BucketName>`
        : '';
  return {
    status,
    headers: {
      'content-type': 'application/xml',
      ...(deleteMarker ? { 'x-amz-delete-marker': 'true' } : {}),
    },
    body:
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>${detail}` +
      `<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`,
  };
}

function send(res: ServerResponse, method: string, requestId: string, response: S3HttpResponse): void {
  const body = response.body === undefined ? Buffer.alloc(0) : Buffer.from(response.body);
  const headers: Record<string, string> = {
    'x-amz-request-id': requestId,
    'x-amz-id-2': requestId,
    server: 'TapStack',
    ...response.headers,
  };
  // HEAD answers carry the object's length but no body; errors on HEAD carry no body at all.
  if (headers['content-length'] === undefined)
    headers['content-length'] = String(method === 'HEAD' ? 0 : body.length);
  res.writeHead(response.status, headers);
  res.end(method === 'HEAD' ? undefined : body);
}
