import { type RestRoute, restJsonResponse } from '../../../protocol/rest-json.ts';
import type { AccountContext } from '../../../runtime/account.ts';
import { describe, type FunctionDescription } from '../description.ts';
import type { LambdaApi } from '../endpoint-api.ts';
import { requireFunction } from '../function-records.ts';
import { FUNCTIONS_PATH, functionNameOf, type RouteResource } from '../rest-request.ts';
import type { LambdaContext } from '../service.ts';
import { functionConfiguration, wireConfiguration } from '../wire-configuration.ts';

/**
 * The function's configuration; on the endpoint also its code location and tags.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html
 */
export function getFunction(ctx: LambdaContext, name: string): FunctionDescription {
  return describe(ctx.account, requireFunction(ctx, name));
}

export const getFunctionRoute = (
  api: LambdaApi,
  resource: RouteResource,
  account: AccountContext,
): RestRoute => ({
  method: 'GET',
  path: `${FUNCTIONS_PATH}/{FunctionName}`,
  operation: 'GetFunction',
  iamAction: 'lambda:GetFunction',
  resource,
  handle: async (req, ctx) => {
    const config = await api.getFunction(functionNameOf(req));
    const description = api.control?.getFunctionConfiguration(config.name);
    const body = {
      Configuration: description
        ? wireConfiguration(description)
        : functionConfiguration(config, ctx, account),
      Code: { RepositoryType: 'S3', Location: `${FUNCTIONS_PATH}/${encodeURIComponent(config.name)}/code` },
      ...(api.control ? { Tags: api.control.listTags(config.name).Tags } : {}),
    };
    return restJsonResponse(200, body, ctx.requestId);
  },
});
