/**
 * Lambda's control-plane operations on the endpoint (REST-JSON routes): GetFunctionConfiguration,
 * UpdateFunctionCode, UpdateFunctionConfiguration, GetPolicy, GetFunctionEventInvokeConfig and
 * ListTags, so the AWS CLI and SDKs can inspect and update a function as on AWS.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Operations.html
 *
 * LIMITATIONS: code comes only as a `ZipFile` upload (no S3 or image packages) and only the
 * handler's file in it runs; `Publish` (versions) is refused; UpdateFunctionConfiguration changes
 * Environment, Timeout, MemorySize, Handler, Role and Runtime, anything else is refused by name.
 */
import type { RequestContext } from '../../protocol/operation.ts';
import { type RestRequest, type RestRoute, restJsonResponse } from '../../protocol/rest-json.ts';
import type { FunctionDescription } from './description.ts';
import { lambdaErrors } from './errors.ts';
import type { FunctionConfig } from './types.ts';

/** The configuration changes UpdateFunctionConfiguration carries into the service. */
export type ConfigurationChanges = Partial<
  Pick<FunctionConfig, 'environment' | 'timeoutSeconds' | 'memorySizeMb' | 'handler' | 'roleArn' | 'runtime'>
>;

/** What the control routes need from the Lambda service; errors are the service's AwsErrors. */
export interface LambdaControlApi {
  getFunctionConfiguration(name: string): FunctionDescription;
  listFunctionConfigurations(): readonly FunctionDescription[];
  updateFunctionCode(name: string, zip: Uint8Array, revisionId?: string): FunctionDescription;
  updateFunctionConfiguration(
    name: string,
    changes: ConfigurationChanges,
    revisionId?: string,
  ): FunctionDescription;
  getPolicy(name: string): { Policy: string; RevisionId: string };
  getEventInvokeConfig(name: string): Record<string, unknown>;
  listTags(resourceArn: string): { Tags: Record<string, string> };
}

const invalid = lambdaErrors.invalidParameter;

/** FunctionConfiguration as the wire carries it (reserved concurrency belongs to GetFunction's `Concurrency`). */
export function wireConfiguration(description: FunctionDescription): Record<string, unknown> {
  const { ReservedConcurrentExecutions: _reserved, ...configuration } = description;
  return configuration;
}

function jsonBody(req: RestRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(req.body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Falls through to the error below.
  }
  throw lambdaErrors.invalidRequestContent('Could not parse request body into json');
}

const optionalString = (body: Record<string, unknown>, key: string): string | undefined => {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`${key} must be a string`);
  return value;
};

const optionalInteger = (body: Record<string, unknown>, key: string): number | undefined => {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(`${key} must be an integer`);
  return value;
};

const CODE_KEYS = new Set(['FunctionName', 'ZipFile', 'RevisionId', 'Publish', 'DryRun', 'Architectures']);
const CONFIG_KEYS = new Set([
  'FunctionName',
  'Environment',
  'Timeout',
  'MemorySize',
  'Handler',
  'Role',
  'Runtime',
  'RevisionId',
]);

function refuseUnsupported(body: Record<string, unknown>, allowed: ReadonlySet<string>, what: string): void {
  const extra = Object.keys(body).filter((key) => !allowed.has(key) && body[key] !== undefined);
  if (extra.length > 0)
    throw invalid(`${what}: ${extra.join(', ')} ${extra.length === 1 ? 'is' : 'are'} not emulated locally`);
}

function updateCode(api: LambdaControlApi, req: RestRequest): FunctionDescription {
  const body = jsonBody(req);
  refuseUnsupported(body, CODE_KEYS, 'UpdateFunctionCode');
  if (body.Publish === true) throw invalid('UpdateFunctionCode: Publish (versions) is not emulated locally');
  const zipText = optionalString(body, 'ZipFile');
  if (zipText === undefined)
    throw invalid('UpdateFunctionCode needs ZipFile (the zip archive, base64 on the wire)');
  const name = req.params.FunctionName ?? '';
  const revisionId = optionalString(body, 'RevisionId');
  if (body.DryRun === true) return api.getFunctionConfiguration(name);
  return api.updateFunctionCode(name, Buffer.from(zipText, 'base64'), revisionId);
}

function updateConfiguration(api: LambdaControlApi, req: RestRequest): FunctionDescription {
  const body = jsonBody(req);
  refuseUnsupported(body, CONFIG_KEYS, 'UpdateFunctionConfiguration');
  const changes: { -readonly [K in keyof ConfigurationChanges]: ConfigurationChanges[K] } = {};
  const environment = body.Environment;
  if (environment !== undefined) {
    const variables = (environment as { Variables?: unknown } | null)?.Variables ?? {};
    if (
      typeof variables !== 'object' ||
      variables === null ||
      Object.values(variables).some((v) => typeof v !== 'string')
    )
      throw invalid('Environment.Variables must map names to string values');
    changes.environment = variables as Record<string, string>;
  }
  const timeout = optionalInteger(body, 'Timeout');
  if (timeout !== undefined) changes.timeoutSeconds = timeout;
  const memory = optionalInteger(body, 'MemorySize');
  if (memory !== undefined) changes.memorySizeMb = memory;
  const handler = optionalString(body, 'Handler');
  if (handler !== undefined) changes.handler = handler;
  const role = optionalString(body, 'Role');
  if (role !== undefined) changes.roleArn = role;
  const runtime = optionalString(body, 'Runtime');
  if (runtime !== undefined) changes.runtime = runtime;
  return api.updateFunctionConfiguration(
    req.params.FunctionName ?? '',
    changes,
    optionalString(body, 'RevisionId'),
  );
}

export function lambdaControlRoutes(
  api: LambdaControlApi,
  resource: (req: RestRequest, ctx: RequestContext) => string,
): RestRoute[] {
  const fn = '/2015-03-31/functions/{FunctionName}';
  const ok = (body: unknown, ctx: RequestContext) => restJsonResponse(200, body, ctx.requestId);
  return [
    {
      method: 'GET',
      path: `${fn}/configuration`,
      operation: 'GetFunctionConfiguration',
      iamAction: 'lambda:GetFunctionConfiguration',
      resource,
      handle: async (req, ctx) =>
        ok(wireConfiguration(api.getFunctionConfiguration(req.params.FunctionName ?? '')), ctx),
    },
    {
      method: 'PUT',
      path: `${fn}/configuration`,
      operation: 'UpdateFunctionConfiguration',
      iamAction: 'lambda:UpdateFunctionConfiguration',
      resource,
      handle: async (req, ctx) => ok(wireConfiguration(updateConfiguration(api, req)), ctx),
    },
    {
      method: 'PUT',
      path: `${fn}/code`,
      operation: 'UpdateFunctionCode',
      iamAction: 'lambda:UpdateFunctionCode',
      resource,
      handle: async (req, ctx) => ok(wireConfiguration(updateCode(api, req)), ctx),
    },
    {
      method: 'GET',
      path: `${fn}/policy`,
      operation: 'GetPolicy',
      iamAction: 'lambda:GetPolicy',
      resource,
      handle: async (req, ctx) => ok(api.getPolicy(req.params.FunctionName ?? ''), ctx),
    },
    {
      method: 'GET',
      path: '/2019-09-25/functions/{FunctionName}/event-invoke-config',
      operation: 'GetFunctionEventInvokeConfig',
      iamAction: 'lambda:GetFunctionEventInvokeConfig',
      resource,
      handle: async (req, ctx) => ok(api.getEventInvokeConfig(req.params.FunctionName ?? ''), ctx),
    },
    {
      method: 'GET',
      path: '/2017-03-31/tags/{Resource}',
      operation: 'ListTags',
      iamAction: 'lambda:ListTags',
      resource: (req) => req.params.Resource ?? '*',
      handle: async (req, ctx) => ok(api.listTags(req.params.Resource ?? ''), ctx),
    },
  ];
}
