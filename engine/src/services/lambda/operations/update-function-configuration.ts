import { type RestRequest, type RestRoute, restJsonResponse } from '../../../protocol/rest-json.ts';
import type { FunctionDescription } from '../description.ts';
import type { LambdaControlApi } from '../endpoint-api.ts';
import { lambdaErrors } from '../errors.ts';
import { validateFunctionConfig } from '../function-config-rules.ts';
import { requireFunction } from '../function-records.ts';
import type { FunctionConfig } from '../model.ts';
import {
  FUNCTIONS_PATH,
  functionNameOf,
  jsonBody,
  optionalInteger,
  optionalString,
  type RouteResource,
  refuseUnsupported,
} from '../rest-request.ts';
import type { LambdaContext } from '../service.ts';
import { wireConfiguration } from '../wire-configuration.ts';

/** The configuration changes UpdateFunctionConfiguration carries into the service. */
export type ConfigurationChanges = Partial<
  Pick<FunctionConfig, 'environment' | 'timeoutSeconds' | 'memorySizeMb' | 'handler' | 'roleArn' | 'runtime'>
>;

/**
 * Environment, timeout, memory, handler, role or runtime; the code stays. The new settings take
 * effect in new environments, as on AWS.
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html
 */
export function updateFunctionConfiguration(
  ctx: LambdaContext,
  name: string,
  changes: ConfigurationChanges,
  expectedRevisionId?: string,
): FunctionDescription {
  const current = requireFunction(ctx, name, expectedRevisionId);
  const config: FunctionConfig = { ...current.config, ...changes };
  validateFunctionConfig(config);
  return ctx.commit(current, config, undefined);
}

export const updateFunctionConfigurationRoute = (
  api: LambdaControlApi,
  resource: RouteResource,
): RestRoute => ({
  method: 'PUT',
  path: `${FUNCTIONS_PATH}/{FunctionName}/configuration`,
  operation: 'UpdateFunctionConfiguration',
  iamAction: 'lambda:UpdateFunctionConfiguration',
  resource,
  handle: async (req, ctx) =>
    restJsonResponse(200, wireConfiguration(updateFromWire(api, req)), ctx.requestId),
});

/** The members the route accepts; others are refused by name. */
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

/**
 * LIMITATIONS: only Environment, Timeout, MemorySize, Handler, Role and Runtime change; anything
 * else is refused by name.
 */
function updateFromWire(api: LambdaControlApi, req: RestRequest): FunctionDescription {
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
      throw lambdaErrors.invalidParameter('Environment.Variables must map names to string values');
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
  return api.updateFunctionConfiguration(functionNameOf(req), changes, optionalString(body, 'RevisionId'));
}
