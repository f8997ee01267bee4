import { type RestRoute, restJsonResponse } from '../../../protocol/rest-json.ts';
import type { LambdaControlApi } from '../endpoint-api.ts';
import { FUNCTIONS_PATH, functionNameOf, type RouteResource } from '../rest-request.ts';
import { wireConfiguration } from '../wire-configuration.ts';

/**
 * The service side is GetFunction's (`LambdaService.getFunction`).
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html
 */
export const getFunctionConfigurationRoute = (api: LambdaControlApi, resource: RouteResource): RestRoute => ({
  method: 'GET',
  path: `${FUNCTIONS_PATH}/{FunctionName}/configuration`,
  operation: 'GetFunctionConfiguration',
  iamAction: 'lambda:GetFunctionConfiguration',
  resource,
  handle: async (req, ctx) =>
    restJsonResponse(
      200,
      wireConfiguration(api.getFunctionConfiguration(functionNameOf(req))),
      ctx.requestId,
    ),
});
