import type { IncomingMessage, ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import { pooledRandom } from '../../runtime/random-pool.ts';
import { isRecord } from './context.ts';
import { DynamoDbError, internalError } from './errors.ts';

/** dynalite's request size limit. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const TARGET_PREFIXES = new Set(['DynamoDB_20120810', 'DynamoDB_20111205']);

export type OperationCaller = (operation: string, input: Record<string, unknown>) => Promise<unknown>;

/** 52 upper-case base64 characters, the shape of DynamoDB's `x-amzn-RequestId`. */
const requestId = (): string => pooledRandom(39).toString('base64').toUpperCase().replace(/[+/]/g, '0');

function send(res: ServerResponse, contentType: string, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.statusCode = status;
  // DynamoDB checksums every JSON body; some SDKs (v2, botocore) verify it.
  res.setHeader('x-amz-crc32', String(crc32(body)));
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(body, 'utf8'));
  res.end(body);
}

function sendError(res: ServerResponse, contentType: string, error: unknown): void {
  const failure = error instanceof DynamoDbError ? error : internalError(String(error));
  send(res, contentType, failure.status, failure.body);
}

function serviceError(type: string, message?: string): DynamoDbError {
  return new DynamoDbError(type, message ?? '', 400, {
    __type: `com.amazon.coral.service#${type}`,
    ...(message !== undefined && { message }),
  });
}

/**
 * The DynamoDB JSON 1.0 protocol (`X-Amz-Target: DynamoDB_20120810.<Operation>`) as an ordinary
 * Node request listener, mirroring dynalite's `httpHandler`: same status codes and error bodies.
 * Signature *verification* belongs to the edge; like dynalite this only insists a signature is
 * present. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html
 */
export function createWireHandler(
  call: OperationCaller,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooLarge) {
        res.statusCode = 413;
        res.end();
        return;
      }
      res.setHeader('x-amzn-RequestId', requestId());
      if (req.method === 'GET') {
        res.statusCode = 200;
        res.end('healthy: dynamodb.us-east-1.amazonaws.com ');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
      if (
        req.method !== 'POST' ||
        (body && contentType !== 'application/json' && contentType !== 'application/x-amz-json-1.0')
      ) {
        res.statusCode = 404;
        res.end('<UnknownOperationException/>\n');
        return;
      }
      const replyType = contentType === 'application/x-amz-json-1.0' ? contentType : 'application/json';
      let data: unknown;
      try {
        data = body ? JSON.parse(body) : undefined;
      } catch {
        return sendError(res, replyType, serviceError('SerializationException'));
      }
      const [prefix, operation, ...extra] = String(req.headers['x-amz-target'] ?? '').split('.');
      if (!prefix || !operation || extra.length > 0 || !TARGET_PREFIXES.has(prefix)) {
        return sendError(res, replyType, serviceError('UnknownOperationException'));
      }
      const auth = req.headers.authorization;
      const signedQuery = (req.url ?? '').includes('X-Amz-Algorithm=');
      if ((!auth && !signedQuery) || (auth && !auth.trim().startsWith('AWS4-'))) {
        return sendError(
          res,
          replyType,
          serviceError('MissingAuthenticationTokenException', 'Request is missing Authentication Token'),
        );
      }
      if (!isRecord(data)) return sendError(res, replyType, serviceError('SerializationException'));
      call(operation, data).then(
        (result) => send(res, replyType, 200, result),
        (error: unknown) => sendError(res, replyType, error),
      );
    });
  };
}
