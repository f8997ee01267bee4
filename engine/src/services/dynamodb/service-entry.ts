/**
 * DynamoDB's JSON 1.0 protocol (`X-Amz-Target: DynamoDB_20120810.<Operation>`) as the edge's
 * `json-handler` entry: the edge reads the body and verifies the signature; this parses the body
 * once, authorizes every IAM target of the parsed input and runs the operation, answering with
 * dynalite's status codes, error bodies and `x-amz-crc32` checksum.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html
 */
import { crc32 } from 'node:zlib';
import type { BufferedRequest, Gate, JsonHandlerServiceEntry } from '../../protocol/service-entry.ts';
import type { WireResponse } from '../../protocol/wire-response.ts';
import { isAwsError } from '../../runtime/aws-error.ts';
import { pooledRandom } from '../../runtime/random-pool.ts';
import { dynamoDbAuthorizationTargets } from './authorization.ts';
import { isRecord } from './context.ts';
import { DynamoDbError, dynamoDbErrors } from './errors.ts';

/** Runs one operation on a parsed input that nobody else holds. */
export type OperationCaller = (operation: string, input: Record<string, unknown>) => Promise<unknown>;

/** dynalite's request size limit. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
export const DYNAMODB_TARGET_PREFIXES: readonly string[] = ['DynamoDB_20120810', 'DynamoDB_20111205'];

/** 52 upper-case base64 characters, the shape of DynamoDB's `x-amzn-RequestId`. */
const requestId = (): string => pooledRandom(39).toString('base64').toUpperCase().replace(/[+/]/g, '0');

const plain = (status: number, body: string, id: string): WireResponse => ({
  status,
  headers: { 'x-amzn-requestid': id },
  body,
});

function json(status: number, contentType: string, payload: unknown, id: string): WireResponse {
  const body = JSON.stringify(payload);
  return {
    status,
    // DynamoDB checksums every JSON body; some SDKs (v2, botocore) verify it.
    headers: { 'x-amzn-requestid': id, 'x-amz-crc32': String(crc32(body)), 'content-type': contentType },
    body,
  };
}

const headerOf = (request: BufferedRequest, name: string): string => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
};

/** `Prefix.Operation` with a DynamoDB prefix, or undefined. */
function operationOf(request: BufferedRequest): string | undefined {
  const [prefix, operation, ...extra] = headerOf(request, 'x-amz-target').split('.');
  return prefix && operation && extra.length === 0 && DYNAMODB_TARGET_PREFIXES.includes(prefix)
    ? operation
    : undefined;
}

/**
 * Answers one request the way dynalite's own HTTP handler does (same checks in the same order,
 * same bodies), with IAM checked first on a well-formed request, as the edge did before handing
 * dynalite the request. A DynamoDbError becomes its exact body; anything else (an
 * AccessDeniedException from `gate`, a bug) is thrown for the edge to answer.
 */
async function answer(
  call: OperationCaller,
  request: BufferedRequest,
  region: string,
  accountId: string,
  gate: Gate,
): Promise<WireResponse> {
  const id = requestId();
  if (request.body.length > MAX_REQUEST_BYTES) return plain(413, '', id);
  if (request.method === 'GET') return plain(200, 'healthy: dynamodb.us-east-1.amazonaws.com ', id);
  let data: unknown;
  let parsed = true;
  try {
    data = request.body.length > 0 ? JSON.parse(request.body.toString('utf8')) : undefined;
  } catch {
    parsed = false;
  }
  const operation = operationOf(request);
  if (operation && isRecord(data)) {
    for (const { action, resource } of dynamoDbAuthorizationTargets(operation, data, { region, accountId }))
      await gate(action, resource);
  }
  const contentType = headerOf(request, 'content-type').split(';')[0]?.trim() ?? '';
  if (
    request.method !== 'POST' ||
    (request.body.length > 0 &&
      contentType !== 'application/json' &&
      contentType !== 'application/x-amz-json-1.0')
  ) {
    return plain(404, '<UnknownOperationException/>\n', id);
  }
  const replyType = contentType === 'application/x-amz-json-1.0' ? contentType : 'application/json';
  const fail = (error: DynamoDbError): WireResponse => json(error.status, replyType, error.body, id);
  if (!parsed) return fail(dynamoDbErrors.coral('SerializationException'));
  if (!operation) return fail(dynamoDbErrors.coral('UnknownOperationException'));
  if (!isRecord(data)) return fail(dynamoDbErrors.coral('SerializationException'));
  try {
    return json(200, replyType, await call(operation, data), id);
  } catch (error) {
    // A failure of the engine itself (storage, a bug) is DynamoDB's retryable 500; its detail
    // travels as the error's cause to the engine's log, never to the client.
    if (error instanceof DynamoDbError && error.cause === undefined) return fail(error);
    throw isAwsError(error) ? error : dynamoDbErrors.internal(error);
  }
}

/** The service-map entry: DynamoDB requests go to `call` with the body parsed once. */
export function dynamoDbServiceEntry(call: OperationCaller): JsonHandlerServiceEntry {
  return {
    kind: 'json-handler',
    protocol: {
      version: '1.0',
      targetPrefixes: DYNAMODB_TARGET_PREFIXES,
      errorNamespace: 'com.amazonaws.dynamodb.v20120810',
    },
    handle: (request, ctx, gate) => answer(call, request, ctx.region, ctx.accountId, gate),
  };
}
