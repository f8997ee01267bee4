import { randomUUID } from 'node:crypto';
import type { RestRequest, RestRoute } from '../../../protocol/rest-json.ts';
import type { WireResponse } from '../../../protocol/wire-response.ts';
import type { LambdaApi } from '../endpoint-api.ts';
import { lambdaErrors } from '../errors.ts';
import { requireFunction } from '../function-records.ts';
import { SYNC_PAYLOAD_LIMIT } from '../invoker.ts';
import type { InvocationType, InvokeRequest, InvokeResult } from '../model.ts';
import { functionArn, LATEST } from '../names.ts';
import { isInvokeAllowed } from '../permissions.ts';
import { FUNCTIONS_PATH, functionNameOf, type RouteResource, single } from '../rest-request.ts';
import type { LambdaContext } from '../service.ts';

/** Asynchronous request limit: 1 MB (raised from 256 KB in 2025). */
export const ASYNC_PAYLOAD_LIMIT = 1024 * 1024;

/**
 * RequestResponse runs now and answers the function's result; Event persists the event and
 * answers 202; DryRun only checks access. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
export async function invoke(ctx: LambdaContext, request: InvokeRequest): Promise<InvokeResult> {
  const record = requireFunction(ctx, request.functionName);
  const name = record.config.name;
  const caller = request.caller;
  if (caller?.principal !== undefined && !isInvokeAllowed(record.permissions, caller)) {
    throw lambdaErrors.invokeDenied(caller.principal, functionArn(ctx.account, name), caller.sourceArn);
  }
  const requestId = randomUUID();
  switch (request.invocationType) {
    case 'DryRun':
      return { statusCode: 204, payload: '', requestId, executedVersion: LATEST };
    case 'Event': {
      checkSize(request.payload, ASYNC_PAYLOAD_LIMIT);
      ctx.queue.enqueue({
        requestId,
        functionName: name,
        payload: request.payload,
        enqueuedAt: ctx.clock.now(),
      });
      return { statusCode: 202, payload: '', requestId, executedVersion: LATEST };
    }
    case 'RequestResponse': {
      checkSize(request.payload, SYNC_PAYLOAD_LIMIT);
      const withLog = request.logType === 'Tail';
      return (await ctx.invoker.execute(record, request.payload, requestId, withLog)).result;
    }
  }
}

function checkSize(payload: string, limit: number): void {
  if (payload.length * 3 > limit && Buffer.byteLength(payload) > limit) {
    throw lambdaErrors.tooLarge(
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
    );
  }
}

/**
 * LIMITATIONS: `X-Amz-Log-Result` only when the invocation returns its log or the LambdaApi
 * implements `logTail`; `X-Amz-Client-Context` is accepted and ignored.
 */
export const invokeRoute = (api: LambdaApi, resource: RouteResource): RestRoute => ({
  method: 'POST',
  path: `${FUNCTIONS_PATH}/{FunctionName}/invocations`,
  operation: 'Invoke',
  iamAction: 'lambda:InvokeFunction',
  resource,
  handle: (req) => invokeFromWire(api, req),
});

const INVOCATION_TYPES: readonly InvocationType[] = ['RequestResponse', 'Event', 'DryRun'];

async function invokeFromWire(api: LambdaApi, req: RestRequest): Promise<WireResponse> {
  const type = single(req.headers['x-amz-invocation-type']) ?? 'RequestResponse';
  const invocationType = INVOCATION_TYPES.find((t) => t === type);
  if (!invocationType) {
    throw lambdaErrors.invalidParameter(
      `Unsupported X-Amz-Invocation-Type '${type}'; expected one of ${INVOCATION_TYPES.join(', ')}`,
    );
  }
  const payload = req.body.length === 0 ? '{}' : req.body.toString('utf8');
  try {
    JSON.parse(payload);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw lambdaErrors.invalidRequestContent(`Could not parse request body into json: ${detail}`);
  }
  const qualifier = req.query.get('Qualifier');
  const name = functionNameOf(req);
  const wantsTail = invocationType === 'RequestResponse' && single(req.headers['x-amz-log-type']) === 'Tail';
  const result = await api.invoke({
    functionName: qualifier && qualifier !== '$LATEST' ? `${name}:${qualifier}` : name,
    payload,
    invocationType,
    ...(wantsTail ? { logType: 'Tail' as const } : {}),
  });
  const tail = wantsTail ? await logResult(api, result) : {};
  return {
    status: result.statusCode,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': result.requestId,
      'x-amz-executed-version': result.executedVersion,
      ...(result.functionError ? { 'x-amz-function-error': result.functionError } : {}),
      ...tail,
    },
    body: invocationType === 'RequestResponse' ? result.payload : '',
  };
}

/** Lambda returns at most the last 4 KB of the invocation's log, base64-encoded. */
const LOG_TAIL_BYTES = 4096;

async function logResult(api: LambdaApi, result: InvokeResult): Promise<Record<string, string>> {
  const text = result.log ?? (await api.logTail?.(result.requestId));
  if (text === undefined) return {};
  const bytes = Buffer.from(text, 'utf8');
  return {
    'x-amz-log-result': bytes.subarray(Math.max(0, bytes.length - LOG_TAIL_BYTES)).toString('base64'),
  };
}
