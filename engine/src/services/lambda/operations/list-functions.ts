import { type RestRoute, restJsonResponse } from '../../../protocol/rest-json.ts';
import type { AccountContext } from '../../../runtime/account.ts';
import { describe, type FunctionDescription } from '../description.ts';
import type { LambdaApi } from '../endpoint-api.ts';
import { FUNCTIONS_PATH } from '../rest-request.ts';
import type { LambdaContext } from '../service.ts';
import { functionConfiguration, wireConfiguration } from '../wire-configuration.ts';

/**
 * Every function, by name; not paginated.
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html
 */
export function listFunctions(ctx: LambdaContext): FunctionDescription[] {
  return ctx.store.list().map((record) => describe(ctx.account, record));
}

export const listFunctionsRoute = (api: LambdaApi, account: AccountContext): RestRoute => ({
  method: 'GET',
  path: FUNCTIONS_PATH,
  operation: 'ListFunctions',
  iamAction: 'lambda:ListFunctions',
  handle: async (_req, ctx) => {
    const body = api.control
      ? { Functions: api.control.listFunctionConfigurations().map(wireConfiguration) }
      : { Functions: (await api.listFunctions()).map((f) => functionConfiguration(f, ctx, account)) };
    return restJsonResponse(200, body, ctx.requestId);
  },
});
