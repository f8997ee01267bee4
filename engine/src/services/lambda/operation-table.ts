/**
 * Lambda's REST-JSON operations on the endpoint, as a route table (moto `urls.py` style):
 * Invoke, GetFunction, ListFunctions, and the control routes of control-routes.ts.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 *
 * LIMITATIONS: `X-Amz-Log-Result` only when the invocation returns its log or the LambdaApi
 * implements `logTail`;
 * `X-Amz-Client-Context` is accepted and ignored; ListFunctions does not paginate.
 */
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../protocol/operation.ts';
import { type RestRequest, type RestRoute, restJsonResponse } from '../../protocol/rest-json.ts';
import type { RestJsonServiceEntry } from '../../protocol/service-entry.ts';
import type { WireResponse } from '../../protocol/wire-response.ts';
import { type AccountContext, arn, DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { type LambdaControlApi, lambdaControlRoutes, wireConfiguration } from './control-routes.ts';
import { lambdaErrors } from './errors.ts';
import type { FunctionConfig, InvocationType, InvokeRequest, InvokeResult } from './types.ts';

/** What the edge needs from the Lambda service (wiring/lambda-api.ts adapts the service to it). */
export interface LambdaApi {
  invoke(req: InvokeRequest): Promise<InvokeResult>;
  /** Throws `AwsError('ResourceNotFoundException', ..., 404)` for an unknown function. */
  getFunction(name: string): FunctionConfig | Promise<FunctionConfig>;
  listFunctions(): readonly FunctionConfig[] | Promise<readonly FunctionConfig[]>;
  /**
   * Optional: the log text of one finished invocation (START..REPORT lines), for
   * `X-Amz-Log-Type: Tail`. Absent, or undefined for the request id: no `X-Amz-Log-Result`.
   */
  logTail?(requestId: string): string | undefined | Promise<string | undefined>;
  /** The control plane (true CodeSize/CodeSha256, updates); absent, only the routes above exist. */
  readonly control?: LambdaControlApi;
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

const API = '/2015-03-31/functions';
const INVOCATION_TYPES: readonly InvocationType[] = ['RequestResponse', 'Event', 'DryRun'];

const functionArn = (name: string, ctx: RequestContext, account: AccountContext): string =>
  name.startsWith('arn:')
    ? name
    : arn({ ...account, accountId: ctx.accountId }, 'lambda', `function:${name}`, ctx.region);

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** FunctionConfiguration as GetFunction and ListFunctions return it. */
export function functionConfiguration(config: FunctionConfig, ctx: RequestContext, account: AccountContext) {
  return {
    FunctionName: config.name,
    FunctionArn: functionArn(config.name, ctx, account),
    Runtime: config.runtime,
    Role: config.roleArn,
    Handler: config.handler,
    CodeSize: Buffer.byteLength(config.code, 'utf8'),
    CodeSha256: createHash('sha256').update(config.code).digest('base64'),
    Timeout: config.timeoutSeconds,
    MemorySize: config.memorySizeMb,
    Version: '$LATEST',
    Environment: { Variables: config.environment },
    Architectures: config.architectures,
    ...(config.deadLetterTargetArn ? { DeadLetterConfig: { TargetArn: config.deadLetterTargetArn } } : {}),
    LoggingConfig: {
      LogFormat: config.logFormat,
      LogGroup: config.logGroupName,
      ...(config.applicationLogLevel ? { ApplicationLogLevel: config.applicationLogLevel } : {}),
      ...(config.systemLogLevel ? { SystemLogLevel: config.systemLogLevel } : {}),
    },
    PackageType: 'Zip',
    State: 'Active',
    LastUpdateStatus: 'Successful',
  };
}

async function invoke(api: LambdaApi, req: RestRequest): Promise<WireResponse> {
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
  const name = req.params.FunctionName ?? '';
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

export function lambdaRoutes(api: LambdaApi, account: AccountContext = DEFAULT_ACCOUNT): RestRoute[] {
  const resource = (req: RestRequest, ctx: RequestContext): string =>
    functionArn(req.params.FunctionName ?? '', ctx, account);
  return [
    {
      method: 'POST',
      path: `${API}/{FunctionName}/invocations`,
      operation: 'Invoke',
      iamAction: 'lambda:InvokeFunction',
      resource,
      handle: (req) => invoke(api, req),
    },
    {
      method: 'GET',
      path: `${API}/{FunctionName}`,
      operation: 'GetFunction',
      iamAction: 'lambda:GetFunction',
      resource,
      handle: async (req, ctx) => {
        const config = await api.getFunction(req.params.FunctionName ?? '');
        const description = api.control?.getFunctionConfiguration(config.name);
        const body = {
          Configuration: description
            ? wireConfiguration(description)
            : functionConfiguration(config, ctx, account),
          Code: { RepositoryType: 'S3', Location: `${API}/${encodeURIComponent(config.name)}/code` },
          ...(api.control ? { Tags: api.control.listTags(config.name).Tags } : {}),
        };
        return restJsonResponse(200, body, ctx.requestId);
      },
    },
    {
      method: 'GET',
      path: API,
      operation: 'ListFunctions',
      iamAction: 'lambda:ListFunctions',
      handle: async (_req, ctx) => {
        const body = api.control
          ? { Functions: api.control.listFunctionConfigurations().map(wireConfiguration) }
          : { Functions: (await api.listFunctions()).map((f) => functionConfiguration(f, ctx, account)) };
        return restJsonResponse(200, body, ctx.requestId);
      },
    },
    ...(api.control ? lambdaControlRoutes(api.control, resource) : []),
  ];
}

export function lambdaService(
  api: LambdaApi,
  account: AccountContext = DEFAULT_ACCOUNT,
): RestJsonServiceEntry {
  return { kind: 'rest-json', routes: lambdaRoutes(api, account) };
}
