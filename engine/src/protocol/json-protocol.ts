/**
 * awsJson1_0 / awsJson1_1: `POST /`, `X-Amz-Target: Prefix.Operation`, JSON in and out.
 * https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
 */
import { AwsError } from '../runtime/aws-error.ts';
import { CAPITALIZED_MESSAGE_CODES, CORAL_CODES, spellFor } from './error-spelling.ts';
import type { WireResponse } from './wire-response.ts';

export interface JsonProtocolOptions {
  /** `1.0` (DynamoDB, SQS) or `1.1` (Logs, Firehose, EventBridge, SNS-JSON...). */
  readonly version: '1.0' | '1.1';
  /** Accepted `X-Amz-Target` prefixes, e.g. `DynamoDB_20120810`, `Logs_20140328`. */
  readonly targetPrefixes: readonly string[];
  /** Namespace for service errors, e.g. `com.amazonaws.dynamodb.v20120810`. */
  readonly errorNamespace: string;
  /**
   * awsQueryCompatible services (SQS): the legacy query code of a JSON error code, sent as
   * `x-amzn-query-error: <code>;Sender`, e.g. `QueueDoesNotExist` -> `AWS.SimpleQueueService.NonExistentQueue`.
   * https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#aws-protocols-awsquerycompatible-trait
   */
  readonly queryCompatibleCodes?: Readonly<Record<string, string>>;
}

/** Splits `Prefix.Operation`; an unknown prefix or a missing header is an UnknownOperationException. */
export function parseJsonTarget(target: string | undefined, options: JsonProtocolOptions): string {
  if (!target) {
    throw new AwsError(
      'UnknownOperationException',
      'Missing X-Amz-Target header: expected <Prefix>.<Operation>',
      400,
    );
  }
  const dot = target.lastIndexOf('.');
  const prefix = dot < 0 ? '' : target.slice(0, dot);
  const operation = dot < 0 ? target : target.slice(dot + 1);
  if (!options.targetPrefixes.includes(prefix) || operation === '') {
    throw new AwsError(
      'UnknownOperationException',
      `Unknown X-Amz-Target prefix '${prefix}' in '${target}'; this service accepts ${options.targetPrefixes.join(', ')}`,
      400,
    );
  }
  return operation;
}

/** An empty body is `{}` (SDKs send `{}` for input-less operations, some clients send nothing). */
export function parseJsonBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AwsError('SerializationException', `Request body is not valid JSON: ${detail}`, 400);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AwsError('SerializationException', 'Request body must be a JSON object', 400);
  }
  return parsed as Record<string, unknown>;
}

const contentType = (options: Pick<JsonProtocolOptions, 'version'>): string =>
  `application/x-amz-json-${options.version}`;

export function jsonResult(
  result: unknown,
  requestId: string,
  options: Pick<JsonProtocolOptions, 'version'>,
): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': contentType(options), 'x-amzn-requestid': requestId },
    body: JSON.stringify(result ?? {}),
  };
}

/** `{"__type":"<namespace>#<Code>","message":"..."}` with `x-amzn-ErrorType: <Code>`. */
export function jsonError(
  error: AwsError,
  requestId: string,
  options: Pick<JsonProtocolOptions, 'version' | 'errorNamespace' | 'queryCompatibleCodes'>,
): WireResponse {
  const spelled = spellFor('json', error);
  const namespace =
    spelled.code === 'ValidationException'
      ? 'com.amazon.coral.validate'
      : CORAL_CODES.has(spelled.code)
        ? 'com.amazon.coral.service'
        : options.errorNamespace;
  const messageKey = CAPITALIZED_MESSAGE_CODES.has(spelled.code) ? 'Message' : 'message';
  const queryCode = options.queryCompatibleCodes?.[spelled.code];
  return {
    status: spelled.status,
    headers: {
      'content-type': contentType(options),
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': spelled.code,
      ...(queryCode
        ? { 'x-amzn-query-error': `${queryCode};${spelled.senderFault ? 'Sender' : 'Receiver'}` }
        : {}),
    },
    body: JSON.stringify({ __type: `${namespace}#${spelled.code}`, [messageKey]: spelled.message }),
  };
}
