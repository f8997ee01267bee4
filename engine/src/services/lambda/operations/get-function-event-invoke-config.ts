import { type RestRoute, restJsonResponse } from '../../../protocol/rest-json.ts';
import type { LambdaControlApi } from '../endpoint-api.ts';
import { lambdaErrors } from '../errors.ts';
import { requireFunction } from '../function-records.ts';
import { DEFAULT_EVENT_INVOKE_CONFIG, type FunctionRecord } from '../model.ts';
import { functionArn, LATEST } from '../names.ts';
import { functionNameOf, type RouteResource } from '../rest-request.ts';
import type { LambdaContext } from '../service.ts';

/**
 * GetFunctionEventInvokeConfig: the async settings put on the function (LastModified in epoch
 * seconds). A function that never had them: ResourceNotFoundException naming the function.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionEventInvokeConfig.html
 */
export function getFunctionEventInvokeConfig(ctx: LambdaContext, name: string): Record<string, unknown> {
  const record = requireFunction(ctx, name);
  const arn = `${functionArn(ctx.account, record.config.name)}:${LATEST}`;
  if (!record.eventInvokeConfig) throw lambdaErrors.eventInvokeConfigNotFound(arn);
  const settings = record.eventInvokeConfig ?? DEFAULT_EVENT_INVOKE_CONFIG;
  return {
    LastModified: Math.floor(
      (record.eventInvokeConfigModified ?? Date.parse(lastModifiedIso(record))) / 1000,
    ),
    FunctionArn: arn,
    MaximumRetryAttempts: settings.maximumRetryAttempts,
    MaximumEventAgeInSeconds: settings.maximumEventAgeInSeconds,
    DestinationConfig: { OnSuccess: {}, OnFailure: {} },
  };
}

export const getFunctionEventInvokeConfigRoute = (
  api: LambdaControlApi,
  resource: RouteResource,
): RestRoute => ({
  method: 'GET',
  path: '/2019-09-25/functions/{FunctionName}/event-invoke-config',
  operation: 'GetFunctionEventInvokeConfig',
  iamAction: 'lambda:GetFunctionEventInvokeConfig',
  resource,
  handle: async (req, ctx) =>
    restJsonResponse(200, api.getEventInvokeConfig(functionNameOf(req)), ctx.requestId),
});

/** `2026-01-01T00:00:00.000+0000` (Lambda's LastModified) as ISO 8601 Date.parse accepts. */
const lastModifiedIso = (record: FunctionRecord): string => record.lastModified.replace('+0000', 'Z');
