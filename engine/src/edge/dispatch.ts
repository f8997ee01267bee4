/**
 * Runs one request against a json, query or rest-json entry: find the operation in the
 * dispatch table, validate, authorize, execute, serialize. Every failure becomes the service's
 * own error format.
 */
import { jsonError, jsonResult, parseJsonBody, parseJsonTarget } from '../protocol/json-protocol.ts';
import type { Operation, RequestContext } from '../protocol/operation.ts';
import { nestQueryParams, parseQueryParams, queryError, queryResult } from '../protocol/query-protocol.ts';
import { matchRoute, restJsonError, restXmlError, unknownRoute } from '../protocol/rest-json.ts';
import type {
  Gate,
  JsonServiceEntry,
  QueryServiceEntry,
  RestJsonServiceEntry,
  ServiceEntry,
} from '../protocol/service-entry.ts';
import type { WireResponse } from '../protocol/wire-response.ts';
import { AwsError, isAwsError } from '../runtime/aws-error.ts';

export type { Gate };

export interface DispatchRequest {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

const names = (table: Readonly<Record<string, Operation>>): string => Object.keys(table).sort().join(', ');

async function runOperation(
  op: Operation,
  raw: unknown,
  mode: 'json' | 'query',
  validationCode: string,
  defaultAction: string,
  ctx: RequestContext,
  gate: Gate,
): Promise<unknown> {
  const input = op.validate(raw, mode, validationCode);
  if (!op.skipAuthorization) await gate(op.iamAction ?? defaultAction, op.resource?.(input, ctx) ?? '*');
  return op.execute(input, ctx);
}

export async function dispatchJson(
  entry: JsonServiceEntry,
  req: DispatchRequest,
  ctx: RequestContext,
  gate: Gate,
): Promise<WireResponse> {
  const target = req.headers['x-amz-target'];
  const name = parseJsonTarget(typeof target === 'string' ? target : undefined, entry.protocol);
  const op = Object.hasOwn(entry.operations, name) ? entry.operations[name] : undefined;
  if (!op) {
    throw new AwsError(
      'UnknownOperationException',
      `Operation '${name}' is not supported by this endpoint; supported: ${names(entry.operations)}`,
      400,
    );
  }
  const body = parseJsonBody(req.body);
  const validationCode = entry.validationCode ?? 'ValidationException';
  const result = await runOperation(
    op,
    body,
    'json',
    validationCode,
    `${entry.iamPrefix}:${name}`,
    ctx,
    gate,
  );
  return jsonResult(result, ctx.requestId, entry.protocol);
}

export async function dispatchQuery(
  entry: QueryServiceEntry,
  req: DispatchRequest,
  ctx: RequestContext,
  gate: Gate,
): Promise<WireResponse> {
  const params = parseQueryParams(req.body.toString('utf8'), req.rawQuery);
  const action = params.get('Action');
  if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action', 400);
  const op = Object.hasOwn(entry.operations, action) ? entry.operations[action] : undefined;
  if (!op) {
    throw new AwsError(
      'InvalidAction',
      `Could not find operation ${action} for version ${params.get('Version') ?? '(none)'}; supported: ${names(entry.operations)}`,
      400,
    );
  }
  const validationCode = entry.validationCode ?? 'ValidationError';
  const input = nestQueryParams(params);
  const result = await runOperation(
    op,
    input,
    'query',
    validationCode,
    `${entry.iamPrefix}:${action}`,
    ctx,
    gate,
  );
  return queryResult(action, result, ctx.requestId, entry.protocol);
}

export async function dispatchRestJson(
  entry: RestJsonServiceEntry,
  req: DispatchRequest,
  ctx: RequestContext,
  gate: Gate,
): Promise<WireResponse> {
  const match = matchRoute(entry.routes, req.method, req.path);
  if (!match) throw unknownRoute(req.method, req.path, entry.routes);
  const restRequest = {
    method: req.method,
    params: match.params,
    query: new URLSearchParams(req.rawQuery),
    headers: req.headers,
    body: req.body,
  };
  await gate(match.route.iamAction, match.route.resource?.(restRequest, ctx) ?? '*');
  return match.route.handle(restRequest, ctx);
}

/**
 * The entry's own error format; anything that is not an AwsError is an internal failure, answered
 * with the request id only: an exception's text is the engine's business (it goes to the engine's
 * log under the same request id), never the caller's.
 */
export function errorFor(entry: ServiceEntry | undefined, error: unknown, requestId: string): WireResponse {
  const aws = isAwsError(error)
    ? error
    : new AwsError(
        'InternalFailure',
        `The request processing has failed because of an unknown error. Request id ${requestId}; the detail is in the local cloud's log.`,
        500,
      );
  const format = entry?.kind === 'raw' ? entry.errorFormat : undefined;
  if (entry?.kind === 'json' || entry?.kind === 'json-handler')
    return jsonError(aws, requestId, entry.protocol);
  if (entry?.kind === 'query') return queryError(aws, requestId, entry.protocol);
  if (entry?.kind === 'rest-json') return restJsonError(aws, requestId);
  if (format?.protocol === 'query') return queryError(aws, requestId, format);
  if (format?.protocol === 'rest-json') return restJsonError(aws, requestId);
  if (format?.protocol === 'rest-xml') return restXmlError(aws, requestId);
  return jsonError(aws, requestId, format ?? { version: '1.0', errorNamespace: 'com.amazon.coral.service' });
}
